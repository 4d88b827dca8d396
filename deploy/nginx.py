#!/usr/bin/env python3
"""Write the nginx configuration for several Cultuur-DNA processes behind one address.

    deploy/nginx.py site --ports 8501-8504 --listen 80 --server-name dna.example.org \
        -o /etc/nginx/sites-available/cultuur-dna
        (a site for Debian's nginx: its http block includes /etc/nginx/sites-enabled/*)
    deploy/nginx.py standalone --ports 8501-8504 --listen 8080 --prefix /tmp/dna-nginx \
        -o /tmp/dna-nginx/nginx.conf
        (a whole nginx.conf for `nginx -p PREFIX -c PREFIX/nginx.conf`: a foreground nginx that
        needs no root paths; deploy/run-replicas and tests/test_replicas.py use it)

Both write the same upstreams and locations (deploy/README.md says why they are as they are).
Standard library only, so the system python3 runs it too.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

# One browser's Streamlit must stay on one process; the phones may go anywhere.
SITE = """\
# Cultuur-DNA: {n} app processes (`streamlit run serve.py`) on one database, behind nginx.
# Written by deploy/nginx.py for ports {ports}: change that command, not this file.

# The facilitator's and the beamer's pages are Streamlit: a browser's session lives in the memory
# of the one process its websocket (/_stcore/stream) reaches, and so do the files it uploads
# (/_stcore/upload_file/<session>/...) and the images and downloads its pages show (/media/...).
# All of one browser's Streamlit requests must therefore reach the same process: they are hashed
# on the client's address. Not on a cookie: our login cookie is absent before the login and
# changes at every login (a second tab logging in would move the first tab's uploads to another
# process than its websocket), and nginx's own "sticky cookie" is nginx Plus only. An address
# fails only when a facilitator's laptop changes networks (its websocket reconnects elsewhere:
# a new Streamlit session, still logged in, as sessions live in the database), and several
# facilitators behind one address share a process, which is fine: facilitators are few, the
# load is the phones. "consistent": adding or removing a process moves ~1/N of the browsers.
upstream {name}_sticky {{
    hash $binary_remote_addr consistent;
    zone {name}_sticky 64k;  # which process is down: known to every nginx worker
{servers}
    keepalive 16;
    keepalive_timeout 4s;  # below uvicorn's 5 s: nginx, not the app, closes an idle connection
}}

# The phones (/, /phone/, /api/) keep nothing in a process's memory (their token is a cookie,
# the workshop in the database, a change anywhere reaches every process's event streams within
# a second): any process will do, the least busy first.
upstream {name}_any {{
    least_conn;
    zone {name}_any 64k;  # the open connections counted over all nginx workers, not per worker
{servers}
    keepalive 64;  # reused connections to the processes: no TCP handshake per send
    keepalive_timeout 4s;
}}

# Connection: upgrade for a websocket; none else, so connections to the processes are reused.
map $http_upgrade ${name}_connection {{
    default upgrade;
    ''      '';
}}

log_format {name} '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                  '$request_time upstream=$upstream_addr "$http_user_agent"';

server {{
    listen {listen};
    server_name {server_name};
    access_log {log_dir}/{name}.access.log {name};
    error_log {log_dir}/{name}.error.log warn;

    # Facilitator uploads: the app refuses files over 10 MB itself (with a message); this leaves
    # room for the multipart framing so the app, not nginx, says no.
    client_max_body_size 16m;
    # The app compresses (gzip, also Streamlit's scripts) and never its event streams: nginx
    # passes the bytes on as they are.
    gzip off;
    server_tokens off;

    # Every proxy_set_header is here: a location with one of its own would inherit none of these.
    proxy_http_version 1.1;
    proxy_set_header Upgrade $http_upgrade;  # Streamlit's websocket
    proxy_set_header Connection ${name}_connection;
    # Host as the browser sent it (with its port): Streamlit accepts a websocket only when its
    # Origin names this host, and the phones' API refuses a foreign Origin the same way.
    proxy_set_header Host $http_host;
    # The app trusts these from 127.0.0.1 only (web/__init__.py): the throttles count real
    # clients, and cookies get Secure behind HTTPS. nginx is the edge: the client's address is
    # set, not appended to whatever the client claimed.
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-Host $http_host;

    # The participant's page and its script and style.
    location = / {{
        proxy_pass http://{name}_any;
    }}
    location /phone/ {{
        proxy_pass http://{name}_any;
    }}
    # The phones' API. Every send carries its own id and is stored once (phone/API.md), so a
    # send whose process went away may be retried on another one (non_idempotent).
    location /api/ {{
        proxy_next_upstream error timeout non_idempotent;
        proxy_pass http://{name}_any;
    }}
    # Server-Sent Events: every event passed on at once, the stream open for the whole workshop
    # (the app sends a comment every 15 s; a dropped phone reconnects within a second).
    location ~ ^/api/w/[^/]+/events$ {{
        proxy_buffering off;
        proxy_cache off;
        proxy_read_timeout 1h;
        proxy_send_timeout 1h;
        proxy_pass http://{name}_any;
    }}

    # Streamlit's uploads, passed on as they arrive: the app refuses one without a facilitator
    # session before reading it (web/guard.py), instead of nginx first taking in 16 MB.
    location /_stcore/upload_file/ {{
        proxy_request_buffering off;
        proxy_pass http://{name}_sticky;
    }}

    # Everything else is Streamlit (its pages, /_stcore/stream, /_stcore/upload_file, /static/,
    # /media/, /_stcore/health) and our /login and /logout: one process per browser.
    location / {{
        proxy_read_timeout 1d;  # a facilitator's websocket stays open all day
        proxy_send_timeout 1d;
        proxy_pass http://{name}_sticky;
    }}
}}
"""

STANDALONE = """\
# A whole nginx.conf for a foreground nginx without root paths:
#   nginx -p {prefix} -c {prefix}/nginx.conf -e {prefix}/error.log
{user}daemon off;
worker_processes auto;
worker_rlimit_nofile 16384;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;

events {{
    # Each phone holds one event stream: two connections here (phone and app). 4096 a worker
    # is ~2,000 phones a CPU; Debian's default of 768 stops near 380 phones a CPU.
    worker_connections 4096;
}}

http {{
    default_type application/octet-stream;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;

{site}}}
"""


def ports(specs: list[str]) -> list[int]:
    """'8501 8502' or '8501-8504' (or both) as a list of ports."""
    found: list[int] = []
    for spec in specs:
        for part in re.split(r"[,\s]+", spec.strip()):
            first, _, last = part.partition("-")
            found += range(int(first), int(last or first) + 1)
    if not found or not all(0 < p < 65536 for p in found) or len(set(found)) != len(found):
        raise ValueError(f"ports must be distinct numbers 1-65535: {specs}")
    return found


def site(
    app_ports: list[int],
    listen: str,
    server_name: str = "_",
    log_dir: str = "/var/log/nginx",
    host: str = "127.0.0.1",
    name: str = "cultuur_dna",
) -> str:
    """The upstreams, the map and the server block: text for inside nginx's http block."""
    servers = "\n".join(f"    server {host}:{p};" for p in app_ports)
    return SITE.format(
        n=len(app_ports),
        ports=" ".join(map(str, app_ports)),
        name=name,
        servers=servers,
        listen=listen,
        server_name=server_name,
        log_dir=log_dir.rstrip("/"),
    )


def standalone(
    app_ports: list[int],
    listen: str,
    prefix: str,
    user: str | None = None,
    **options: str,
) -> str:
    """A whole nginx.conf whose pid, logs and temporary files all live in `prefix`. `user`: the
    workers' user when nginx starts as root (it is ignored otherwise)."""
    prefix = str(Path(prefix).resolve())
    inner = site(app_ports, listen, log_dir=prefix, **options)
    indented = "".join(f"    {line}" if line.strip() else line for line in inner.splitlines(True))
    return STANDALONE.format(prefix=prefix, user=f"user {user};\n" if user else "", site=indented)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="kind", required=True)
    for kind in ("site", "standalone"):
        p = sub.add_parser(kind)
        p.add_argument("--ports", nargs="+", required=True, help="the app processes: 8501-8504")
        p.add_argument("--listen", required=True, help="nginx's port, or address:port")
        p.add_argument("--server-name", default="_", help="the host name phones use")
        p.add_argument("--host", default="127.0.0.1", help="where the app processes listen")
        p.add_argument("-o", "--output", help="write here instead of to stdout")
        if kind == "site":
            p.add_argument("--log-dir", default="/var/log/nginx")
        else:
            p.add_argument("--prefix", required=True, help="nginx's pid, logs and temp files")
            p.add_argument("--user", help="the workers' user when started as root")
    args = parser.parse_args(argv)
    try:
        app_ports = ports(args.ports)
    except ValueError as e:
        parser.error(str(e))
    options = {"server_name": args.server_name, "host": args.host}
    if args.kind == "site":
        text = site(app_ports, args.listen, log_dir=args.log_dir, **options)
    else:
        text = standalone(app_ports, args.listen, args.prefix, args.user, **options)
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (Path(args.prefix) / "tmp" / folder).mkdir(parents=True, exist_ok=True)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
