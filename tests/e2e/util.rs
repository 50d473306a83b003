//! Test harness: run `vietdex` in a scratch directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bundled corpus.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// The binary under test: the one Cargo built, or `VIETDEX_E2E_BIN` when
/// set (to run these tests against another build, e.g. an older release,
/// and see which of them it fails).
pub fn bin() -> PathBuf {
    std::env::var_os("VIETDEX_E2E_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_vietdex")),
        PathBuf::from,
    )
}

/// A scratch directory with helpers to run the binary in it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Parses stdout as JSON lines.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
            .collect()
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file (creating parent directories).
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, content).expect("write");
        p
    }

    /// Runs `vietdex ARGS` in the sandbox.
    pub fn run(&self, args: &[&str]) -> Run {
        Command::new(bin())
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run vietdex")
            .into()
    }

    /// Copies the corpus into `corpus/` (index it with [`Sandbox::index`]).
    pub fn with_corpus() -> Sandbox {
        let sb = Sandbox::new();
        for entry in std::fs::read_dir(corpus()).expect("corpus") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), sb.path("corpus").join(entry.file_name()))
                .or_else(|_| {
                    std::fs::create_dir_all(sb.path("corpus"))?;
                    std::fs::copy(entry.path(), sb.path("corpus").join(entry.file_name()))
                })
                .expect("copy");
        }
        sb
    }

    /// Indexes and asserts success.
    pub fn index(&self, args: &[&str]) -> Run {
        let mut all = vec!["index", "--quiet"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert_eq!(r.code, 0, "index failed: {}{}", r.stdout, r.stderr);
        r
    }

    /// Paths of `search --json` hits, in rank order.
    pub fn search_paths(&self, query: &str, extra: &[&str]) -> Vec<String> {
        let mut args = vec!["search", query, "--json", "--limit", "50"];
        args.extend_from_slice(extra);
        let r = self.run(&args);
        assert!(r.code == 0 || r.code == 1, "search failed: {}", r.stderr);
        r.json_lines()
            .iter()
            .map(|h| {
                let p = h["path"].as_str().expect("path");
                Path::new(p)
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }
}

/// Runs `vietdex ARGS` with `input` on stdin (written from another thread,
/// so a large output cannot block it); returns stdout.
pub fn run_with_stdin(args: &[&str], input: &str) -> String {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer thread").expect("write");
    assert!(out.status.success(), "vietdex {args:?} failed");
    String::from_utf8(out.stdout).expect("utf8")
}

/// A UTF-8 article with one stray byte that is not UTF-8 in its headline.
pub fn article_with_a_stray_invalid_byte() -> Vec<u8> {
    let mut bytes = "Huyện Đại Từ xây dựng nông thôn mới\n\nHuyện Đại Từ, tỉnh Thái Nguyên đạt chuẩn nông thôn mới năm 2023."
        .as_bytes()
        .to_vec();
    bytes.insert(20, 0xFF);
    bytes
}
