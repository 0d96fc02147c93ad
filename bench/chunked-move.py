#!/usr/bin/env python3
"""Times the final MOVE of a chunked upload (Nextcloud chunking v2), the step that assembles the parts.

    bench/chunked-move.py [--jar server/target/hearth-server.jar] [--mib 2048] [--part-mib 10] [--runs 1]

Starts the server jar on 127.0.0.1 (a free port, a data folder and H2 database of its own below --work), uploads a
file of random bytes in parts sent in order, as the desktop client does, then times MOVE .../.file onto the home
and checks the checksum the server stored against the file's SHA-1. Prints one line per run and stops the server
(by its pid) and removes its data folder at the end. Needs python3 and a JDK >= 21 (JAVA_HOME or java on PATH).
"""
import argparse
import hashlib
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import base64

ADMIN, PASSWORD = "admin", "bench-chunked-move"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None, length=None, timeout=600):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    all_headers = {"Authorization": "Basic " + base64.b64encode(f"{ADMIN}:{PASSWORD}".encode()).decode()}
    all_headers.update(headers or {})
    if length is not None:
        all_headers["Content-Length"] = str(length)
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    text = response.read().decode(errors="replace")
    connection.close()
    return response.status, text


def wait_until_up(port, server, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited with {server.returncode} while starting")
        try:
            if request(port, "GET", "/status.php", timeout=3)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("the server did not answer /status.php in time")


def make_file(path, size):
    sha1 = hashlib.sha1()
    with open(path, "wb") as out:
        left = size
        while left:
            block = os.urandom(min(left, 8 << 20))
            sha1.update(block)
            out.write(block)
            left -= len(block)
    return sha1.hexdigest()


def upload(port, source, size, part_size, run):
    upload_id = f"bench-{run}-{int(time.time())}"
    base = f"/remote.php/dav/uploads/{ADMIN}/{upload_id}"
    status, text = request(port, "MKCOL", base, headers={"OC-Total-Length": str(size)})
    assert status == 201, (status, text)
    with open(source, "rb") as file:
        offset = 0
        while offset < size:
            length = min(part_size, size - offset)
            chunk = file.read(length)
            status, text = request(port, "PUT", f"{base}/{offset:020d}", body=chunk, length=length)
            assert status in (201, 204), (status, text)
            offset += length
    destination = f"http://127.0.0.1:{port}/remote.php/dav/files/{ADMIN}/big-{run}.bin"
    started = time.monotonic()
    status, text = request(port, "MOVE", f"{base}/.file",
                           headers={"Destination": destination, "OC-Total-Length": str(size)})
    seconds = time.monotonic() - started
    assert status in (201, 204), (status, text)
    return seconds, f"/remote.php/dav/files/{ADMIN}/big-{run}.bin"


def stored_checksum(port, path):
    body = ('<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">'
            '<d:prop><oc:checksums/></d:prop></d:propfind>')
    status, text = request(port, "PROPFIND", path, body=body.encode(), headers={"Depth": "0"})
    assert status == 207, (status, text)
    start = text.find("SHA1:")
    return text[start + 5:start + 45].lower() if start >= 0 else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default="server/target/hearth-server.jar")
    parser.add_argument("--mib", type=int, default=2048)
    parser.add_argument("--part-mib", type=int, default=10)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--work", default="/var/tmp")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="hearth-chunked-move-", dir=args.work)
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if "JAVA_HOME" in os.environ else "java"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEARTH_", "SPRING_", "SERVER_"))}
    env.update(HEARTH_DATA_DIR=os.path.join(work, "data"), SERVER_ADDRESS="127.0.0.1", SERVER_PORT=str(port),
               HEARTH_ADMIN_USERNAME=ADMIN, HEARTH_ADMIN_PASSWORD=PASSWORD)
    log = open(os.path.join(work, "server.log"), "wb")
    server = subprocess.Popen([java, "-Xmx512m", "-jar", os.path.abspath(args.jar)], env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        wait_until_up(port, server)
        size = args.mib << 20
        source = os.path.join(work, "source.bin")
        sha1 = make_file(source, size)
        for run in range(1, args.runs + 1):
            subprocess.run(["sync"], check=True)
            time.sleep(4)
            seconds, path = upload(port, source, size, args.part_mib << 20, run)
            checksum = stored_checksum(port, path)
            print(f"run {run}: MOVE of {args.mib} MiB in {-(-args.mib // args.part_mib)} in-order parts: "
                  f"{seconds:.2f} s; stored SHA-1 {'matches' if checksum == sha1 else 'DIFFERS: ' + str(checksum)}",
                  flush=True)
            request(port, "DELETE", path)
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
