"""What a fresh browser downloads before it opens the websocket."""

from __future__ import annotations

import asyncio
import re
from urllib.parse import urljoin, urlsplit

import httpx


async def load_page_assets(url: str, parallel: int = 6, timeout: float = 60.0) -> tuple[int, int]:
    """What a fresh browser fetches before it opens the websocket: the page, the scripts and
    styles it names, health and host-config. Returns (requests, bytes). The lazily loaded
    chunks the JS asks for later are not included: this is a lower bound."""
    async with httpx.AsyncClient(
        timeout=timeout, limits=httpx.Limits(max_connections=parallel)
    ) as h:
        page = await h.get(url)
        page.raise_for_status()
        refs = re.findall(r'(?:src|href)="(\./static/[^"]+)"', page.text)
        base = url.split("?", 1)[0].rsplit("/", 1)[0] + "/"
        root = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}/"
        urls = [urljoin(base, r) for r in dict.fromkeys(refs)]
        urls += [root + "_stcore/health", root + "_stcore/host-config"]
        sem = asyncio.Semaphore(parallel)

        async def get(u: str) -> int:
            async with sem:
                try:
                    r = await h.get(u, headers={"Accept-Encoding": "gzip"})
                except (httpx.RemoteProtocolError, httpx.ReadError):
                    # a keep-alive connection the server closed meanwhile: a browser retries
                    r = await h.get(u, headers={"Accept-Encoding": "gzip"})
                r.raise_for_status()
                return len(r.content)

        sizes = await asyncio.gather(*(get(u) for u in urls))
    return 1 + len(urls), len(page.content) + sum(sizes)
