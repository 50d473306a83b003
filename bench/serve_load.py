#!/usr/bin/env python3
"""Bounded load test of `vietdex serve` (local only, not run in CI).

    bench/serve_load.py --url http://127.0.0.1:7700 --pid PID [--clients 32]
                        [--requests 6400] [--duration 120]

Runs CLIENTS concurrent keep-alive clients on loopback that mix searches
(60 %, varied words, with and without diacritics, some with filters),
entity counts (20 %) and documents (20 %) until REQUESTS answers or
DURATION seconds, whichever comes first; then sends hostile requests
(huge queries, bad parameters, path traversal in ids, slow clients that
never finish their request) while the load continues, and checks each gets
a 4xx and that the server still answers. Prints requests/s, p50/p99
latency, errors, and the server's peak RSS (VmHWM of PID).
"""

import argparse
import http.client
import json
import random
import socket
import statistics
import sys
import threading
import time
import urllib.parse

WORDS = [
    "nông thôn mới", "nong thon moi", "kinh tế", "giáo dục", "y tế", "bóng đá", "hà nội", "ha noi",
    "giao thông", "du lịch", "đầu tư", "chứng khoán", "xuất khẩu", "thời tiết", "bão", "học sinh",
    "bệnh viện", "công an", "tai nạn", "giá vàng", "bat dong san", "ngân hàng", "doanh nghiệp",
    "\"thủ tướng\"", "quốc hội", "việt nam -bóng", "ô tô OR xe máy", "điện thoại", "covid", "vaccine",
    "môi trường", "nông nghiệp", "lũ lụt", "tuyển sinh", "đại học", "thi tốt nghiệp", "UBND", "TP.HCM",
    "cháy", "lừa đảo", "tham nhũng", "xây dựng", "giải ngân", "cao tốc", "sân bay", "",
]
PROVINCES = ["Hà Nội", "ho chi minh", "Đà Nẵng", "Thanh Hóa", "nghe an", "Hải Phòng", "Cần Thơ"]
KINDS = ["province", "district", "program", "organization", "person", "commune"]


def pick_search(rng):
    p = {"q": rng.choice(WORDS), "limit": rng.choice([10, 10, 20, 50])}
    r = rng.random()
    if r < 0.2:
        p["province"] = rng.choice(PROVINCES)
    elif r < 0.3:
        p["from"] = str(rng.choice([2015, 2016, 2017, 2018, 2019]))
    if rng.random() < 0.1:
        p["offset"] = 20
    if rng.random() < 0.1:
        p["dedup"] = "true"
    return "/api/search?" + urllib.parse.urlencode(p)


def pick_entities(rng):
    p = {"q": rng.choice(WORDS), "kind": rng.choice(KINDS), "top": 20}
    if rng.random() < 0.2:
        p["by"] = "month"
    return "/api/entities?" + urllib.parse.urlencode(p)


class Client(threading.Thread):
    def __init__(self, host, port, seed, ids, budget, deadline, out):
        super().__init__(daemon=True)
        self.host, self.port = host, port
        self.rng = random.Random(seed)
        self.ids, self.budget, self.deadline, self.out = ids, budget, deadline, out

    def run(self):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        while time.monotonic() < self.deadline and self.budget.take():
            r = self.rng.random()
            if r < 0.6:
                path, kind = pick_search(self.rng), "search"
            elif r < 0.8:
                path, kind = pick_entities(self.rng), "entities"
            else:
                path, kind = "/api/doc/" + urllib.parse.quote(self.rng.choice(self.ids), safe=""), "doc"
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
                status = resp.status
            except Exception as e:  # noqa: BLE001 - every failure counts as an error
                ok, status = False, repr(e)
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self.out.append((kind, time.perf_counter() - t0, ok, status, path))
        conn.close()


class Budget:
    def __init__(self, n):
        self.n, self.lock = n, threading.Lock()

    def take(self):
        with self.lock:
            if self.n <= 0:
                return False
            self.n -= 1
            return True


def get(host, port, path, timeout=60):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, body


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def hostile(host, port):
    """(description, status) of each hostile request; all must be 4xx."""
    out = []
    huge = urllib.parse.quote("nông thôn " * 5000)
    cases = [
        ("huge query (50 KB URL)", f"/api/search?q={huge}"),
        ("query over 1000 characters", "/api/search?q=" + "a" * 1500),
        ("limit not a number", "/api/search?q=x&limit=abc"),
        ("limit too large", "/api/search?limit=1000000"),
        ("window too deep", "/api/search?offset=999&limit=50"),
        ("unknown parameter", "/api/search?qq=x"),
        ("bad date", "/api/search?from=2024-99"),
        ("bad kind", "/api/entities?kind=weapons"),
        ("bad with", "/api/entities?with=nonsense"),
        ("ambiguous district", "/api/search?district=" + urllib.parse.quote("Châu Thành")),
        ("traversal in id", "/api/doc/..%2F..%2F..%2Fetc%2Fpasswd"),
        ("traversal in path", "/api/doc/../../../../etc/shadow"),
        ("absolute path as id", "/api/doc/%2Fetc%2Fpasswd"),
        ("NUL in id", "/api/doc/%00%00"),
        ("traversal outside the API", "/../../etc/passwd"),
        ("100 repeated filters", "/api/search?" + "&".join(["province=42"] * 100)),
    ]
    for name, path in cases:
        try:
            status, _ = get(host, port, path)
        except Exception as e:  # noqa: BLE001
            status = repr(e)
        out.append((name, status))
    # Slow clients: half a request each, held open.
    slow = []
    for _ in range(200):
        s = socket.create_connection((host, port))
        s.sendall(b"GET /api/search?q=ntm HTTP/1.1\r\nHost: x\r\n")
        slow.append(s)
    t0 = time.perf_counter()
    status, _ = get(host, port, "/api/stats")
    out.append((f"normal request while 200 slow clients hold connections ({time.perf_counter() - t0:.3f} s)",
                "served" if status == 200 else status))
    for s in slow:
        s.close()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:7700")
    ap.add_argument("--pid", type=int, help="server process id (for peak RSS)")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--requests", type=int, default=6400)
    ap.add_argument("--duration", type=float, default=120.0)
    ap.add_argument("--seed", type=int, default=13)
    a = ap.parse_args()
    u = urllib.parse.urlparse(a.url)
    host, port = u.hostname, u.port or 80
    if not socket.gethostbyname(host).startswith("127."):
        sys.exit("the load test runs on loopback only")

    status, body = get(host, port, "/api/stats")
    stats = json.loads(body)
    ids = []
    for w in WORDS[:20]:
        _, b = get(host, port, "/api/search?" + urllib.parse.urlencode({"q": w, "limit": 50}))
        ids.extend(h["id"] for h in json.loads(b)["hits"])
    ids = sorted(set(ids))
    print(f"index: {stats['documents']} documents; {len(ids)} document ids to fetch")

    out = []
    budget = Budget(a.requests)
    deadline = time.monotonic() + a.duration
    clients = [Client(host, port, a.seed + i, ids, budget, deadline, out) for i in range(a.clients)]
    t0 = time.perf_counter()
    for c in clients:
        c.start()
    # Hostile requests while the load runs.
    time.sleep(min(5.0, a.duration / 4))
    hostile_results = hostile(host, port)
    for c in clients:
        c.join()
    wall = time.perf_counter() - t0

    lat = sorted(x[1] for x in out)
    errors = [x for x in out if not x[2]]

    def pct(p):
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000

    print(f"clients {a.clients}, {len(out)} requests in {wall:.1f} s: {len(out) / wall:.1f} requests/s")
    print(f"latency p50 {pct(50):.1f} ms, p90 {pct(90):.1f} ms, p99 {pct(99):.1f} ms, max {lat[-1] * 1000:.1f} ms")
    for kind in ["search", "entities", "doc"]:
        k = sorted(x[1] for x in out if x[0] == kind)
        if k:
            print(f"  {kind:<8} {len(k):>6} requests, p50 {statistics.median(k) * 1000:.1f} ms, "
                  f"p99 {k[min(len(k) - 1, int(0.99 * len(k)))] * 1000:.1f} ms")
    print(f"errors {len(errors)}")
    for e in errors[:10]:
        print("  ", e[3], e[4][:120])
    if a.pid:
        print(f"server peak RSS {peak_rss_mb(a.pid):.0f} MB")
    print("hostile requests:")
    bad = 0
    for name, status in hostile_results:
        ok = status == "served" or (isinstance(status, int) and 400 <= status < 500)
        bad += not ok
        print(f"  {'ok ' if ok else 'BAD'} {status}  {name}")
    status, _ = get(host, port, "/api/stats")
    print(f"after: /api/stats {status}")
    sys.exit(1 if errors or bad or status != 200 else 0)


if __name__ == "__main__":
    main()
