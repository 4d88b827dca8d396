"""Animated GIFs written frame by frame: a long replay never holds all its frames in memory.

Each frame stores only the box that changed since the one before, with its own colour table
(exact colours for the few a cloud uses); a frame that changes nothing makes the one before it
show longer. The same frames always give the same bytes.
"""

from __future__ import annotations

import io

from PIL import GifImagePlugin, Image, ImageChops


class Animation:
    """A looping GIF: `add` the frames (RGB images of one size) in order, then `finish`."""

    def __init__(self, duration: int = 400, hold: int = 3000) -> None:
        self.duration, self.hold = duration, hold  # ms a frame; ms the last frame shows
        self._out = io.BytesIO()
        self._previous: Image.Image | None = None
        self._pending: tuple[Image.Image, tuple[int, int], int] | None = None

    def add(self, image: Image.Image) -> None:
        image = image.convert("RGB")
        if self._previous is None:
            header, _ = GifImagePlugin.getheader(image.quantize(), None, {"loop": 0})
            self._out.write(b"".join(header))
            box = (0, 0, *image.size)
        else:
            if image.size != self._previous.size:
                raise ValueError(f"frame of {image.size}, not {self._previous.size}")
            box = ImageChops.difference(self._previous, image).getbbox()
        if box is None:  # nothing changed: the frame before shows longer
            part, offset, duration = self._pending
            self._pending = part, offset, duration + self.duration
            return
        if self._pending is not None:
            self._write(*self._pending)
        self._pending, self._previous = (image.crop(box), box[:2], self.duration), image

    def finish(self) -> bytes:
        """The GIF's bytes; empty when no frame was added."""
        if self._pending is None:
            return b""
        part, offset, duration = self._pending
        self._write(part, offset, max(duration, self.hold))
        self._pending = None
        self._out.write(b";")  # the trailer
        return self._out.getvalue()

    def _write(self, part: Image.Image, offset: tuple[int, int], duration: int) -> None:
        frame = part.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        chunks = GifImagePlugin.getdata(
            frame, offset, duration=duration, disposal=1, include_color_table=True
        )
        self._out.write(b"".join(chunks))
