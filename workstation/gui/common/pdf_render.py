"""Laying out an HTML page as a PDF with Qt (QTextDocument on a QPdfWriter), for exported records.

The core stays Qt-free and writes HTML; this turns it into PDF. The command line has no Qt
application, so one is made on the ``offscreen`` platform when none exists: a PDF needs fonts,
never a screen. QTextDocument reads only the HTML given (it loads no remote resources) and runs
no script.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from workstation import APP_NAME

PAGE_MARGIN_MM = 15.0
PDF_RESOLUTION_DPI = 300


def html_to_pdf(page_html: str, *, title: str = "") -> bytes:
    """The PDF bytes of ``page_html`` on A4 pages, paginated by QTextDocument."""
    created = None
    if QGuiApplication.instance() is None:
        created = QGuiApplication(["workstation", "-platform", "offscreen"])
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    document = QTextDocument()
    document.setHtml(page_html)
    document.print_(writer)
    del document, writer  # finish the file before the buffer (and any app made here) goes away
    buffer.close()
    data = bytes(buffer.data().data())
    del created
    return data
