//! The index directory as Tantivy sees it, for reading.
//!
//! Opening a reader takes Tantivy's meta lock, a file it creates in the
//! index directory. On read-only storage (a mounted archive, a shared
//! volume, a directory without write permission) that file cannot be
//! created and every search would fail. [`Readable`] wraps the memory-mapped
//! directory and, when the lock file cannot be created, reads without it:
//! no writer can be at work on storage that cannot be written.

use std::io;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// A memory-mapped index directory that can be read on read-only storage.
#[derive(Debug, Clone)]
pub struct Readable(MmapDirectory);

impl Readable {
    /// Opens `dir`.
    pub fn open(dir: &Path) -> Result<Readable, tantivy::directory::error::OpenDirectoryError> {
        MmapDirectory::open(dir).map(Readable)
    }
}

impl Directory for Readable {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if matches!(
                    e.kind(),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                ) && lock.is_blocking =>
            {
                // Read-only storage: nothing can write here, so nothing to
                // exclude. (Only the blocking meta lock readers take.)
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
