"""Serve a built site with Debian's nginx and the shipped configuration.

Used by the server and browser tests and by `python -m build_tools weight`,
so every measurement sees what readers get: brotli and gzip files, headers
and the CSP.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

NGINX = "/usr/sbin/nginx"
# Debian's libnginx-mod-http-brotli-static, for the shipped `brotli_static on`
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
REQUIRED = (NGINX, BROTLI_MODULE)
CONF = Path(__file__).resolve().parents[2] / "deploy/nginx/derechos-claros.conf"


class NginxMissing(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_conf(site_dir: Path, port: int, conf: Path = CONF) -> str:
    """The deploy configuration, pointed at ``site_dir`` and a loopback port."""
    text = conf.read_text(encoding="utf-8").replace("/srv/derechos-claros/site", str(site_dir))
    text = re.sub(r"listen 80;\n\s*listen \[::\]:80;", f"listen 127.0.0.1:{port};", text)
    if f"127.0.0.1:{port}" not in text or str(site_dir) not in text:
        raise RuntimeError(f"{conf}: could not point the configuration at {site_dir}")
    return text


@contextlib.contextmanager
def serve(site_dir: Path, conf: Path = CONF, access_log: Path | None = None) -> Iterator[str]:
    """Run nginx on a free loopback port; yield its base URL (no trailing slash).

    With ``access_log``, log each response's path, status and bytes sent
    (headers included, as compressed on the wire) for the weight measure.
    """
    for path in REQUIRED:
        if not Path(path).exists():
            raise NginxMissing(f"{path} not installed (run `make system-deps`)")
    with tempfile.TemporaryDirectory(prefix="dc-nginx-") as tmp:
        work = Path(tmp)
        port = free_port()
        text = site_conf(Path(site_dir).resolve(), port, conf)
        log_format = ""
        if access_log:
            log_format = "  log_format weight '$request_uri $status $bytes_sent';\n"
            text = text.replace("access_log off;", f"access_log {access_log} weight;")
        (work / "site.conf").write_text(text, encoding="utf-8")
        user = "user root;\n" if os.geteuid() == 0 else ""
        (work / "nginx.conf").write_text(
            f"load_module {BROTLI_MODULE};\n{user}worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
            "events { worker_connections 256; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
            f"  client_body_temp_path {work}/body;\n  proxy_temp_path {work}/proxy;\n"
            f"  fastcgi_temp_path {work}/fastcgi;\n"
            f"{log_format}  include {work}/site.conf;\n}}\n",
            encoding="utf-8",
        )
        process = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-g", "daemon off;"], stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(base + "/", timeout=1)
                    break
                except urllib.error.HTTPError:
                    break  # it answers
                except (urllib.error.URLError, ConnectionError):
                    if process.poll() is not None:
                        raise RuntimeError("nginx did not start: " + process.stderr.read().decode())
                    time.sleep(0.05)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)
