"""One press pack, in each form the press room hands out: the Vietnamese HTML page with the
chart inline, the PDF, the chart as PNG and the read-out script as text."""

from __future__ import annotations

from base64 import b64encode

from services.notifications.domain.press import PressPack
from services.notifications.pressroom.chart import chart_png
from services.notifications.pressroom.pdf import PressPdf
from services.notifications.rendering import Renderer


class PressRoom:
    def __init__(self, renderer: Renderer, pdf: PressPdf, base_url: str):
        self._renderer = renderer
        self._pdf = pdf
        self._base = base_url.rstrip("/")

    def url(self, notice_id: str) -> str:
        """The press pack's page (the feeds link it)."""
        return f"{self._base}/press/{notice_id}"

    def chart(self, pack: PressPack) -> bytes:
        return chart_png(pack.chart)

    def pdf(self, pack: PressPack) -> bytes:
        return self._pdf.render(pack, chart_png(pack.chart), self._portal_page(pack))

    def page(self, pack: PressPack) -> str:
        chart = b64encode(chart_png(pack.chart)).decode("ascii")
        url = self.url(pack.notice_id)
        return self._renderer.page(
            "press_pack",
            {
                "pack": pack,
                "chart_src": f"data:image/png;base64,{chart}",
                "pdf_url": f"{url}.pdf",
                "chart_url": f"{url}/chart.png",
                "script_url": f"{url}/doc.txt",
                "portal_url": self._portal_page(pack),
            },
        )

    @staticmethod
    def script(pack: PressPack) -> str:
        return pack.script + "\n"

    def _portal_page(self, pack: PressPack) -> str | None:
        return self._renderer.portal_page(pack.page) if pack.page else None
