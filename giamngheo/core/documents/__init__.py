"""The kit for official documents in the layout of Nghị định 30/2020/NĐ-CP (DESIGN §5.6).

- ``layout`` — the page (A4, margins, Times New Roman), Vietnamese formats of numbers and dates,
  and the low-level paragraph, cell and table helpers.
- ``parts`` — the parts of a document: letterhead (issuing body, motto, number and symbol, place
  and date), title block (type and summary), headings and body, figure tables, closing lines,
  *Nơi nhận* and the signature block; ``save`` gives the DOCX bytes.
- ``pdf`` — DOCX → PDF through LibreOffice (``SOFFICE_BINARY``); ``ConversionError`` otherwise.
- ``xlsx`` — annex workbooks.
- ``registry`` — the one document registry (``register_kind``, ``document_kinds``,
  ``get_renderer``), read at lookup time.
- ``views`` — ``document_response`` for the apps' download views (404 for an unknown format,
  503 with the Vietnamese reason when PDF cannot be made).

An app keeps only its content builders in its own ``documents`` module and registers its kinds
there, at import; the registry imports every app's ``documents`` module before each lookup.
"""

from .layout import (
    BODY_PT,
    DOCX_MIME,
    FONT,
    HEADER_LEFT_MM,
    HEADER_PT,
    HEADER_RIGHT_MM,
    MARGINS,
    MOTTO,
    MOTTO_LINE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RECIPIENTS_HEADING_PT,
    RECIPIENTS_PT,
    TABLE_PT,
    TEXT_WIDTH_MM,
    balanced_lines,
    cell_text,
    fixed_table,
    font,
    format_date,
    format_dong,
    format_number,
    landscape,
    new_document,
    para,
    place_and_date,
    rule,
)
from .parts import (
    body,
    closing_paragraphs,
    data_table,
    heading,
    letterhead,
    numbered,
    save,
    signature,
    title_block,
)
from .pdf import PDF_MIME, ConversionError, docx_to_pdf, soffice_path
from .registry import (
    DocumentKind,
    document_kinds,
    get_kind,
    get_renderer,
    record_loader,
    register_kind,
)
from .views import MIME_TYPES, attachment, document_response, unavailable
from .xlsx import XLSX_MIME, XLSX_NUMBER_FORMAT, new_workbook, workbook_bytes, xlsx_sheet

__all__ = [
    "BODY_PT",
    "DOCX_MIME",
    "FONT",
    "HEADER_LEFT_MM",
    "HEADER_PT",
    "HEADER_RIGHT_MM",
    "MARGINS",
    "MIME_TYPES",
    "MOTTO",
    "MOTTO_LINE",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "PDF_MIME",
    "RECIPIENTS_HEADING_PT",
    "RECIPIENTS_PT",
    "TABLE_PT",
    "TEXT_WIDTH_MM",
    "XLSX_MIME",
    "XLSX_NUMBER_FORMAT",
    "ConversionError",
    "DocumentKind",
    "attachment",
    "balanced_lines",
    "body",
    "cell_text",
    "closing_paragraphs",
    "data_table",
    "document_kinds",
    "document_response",
    "docx_to_pdf",
    "fixed_table",
    "font",
    "format_date",
    "format_dong",
    "format_number",
    "get_kind",
    "get_renderer",
    "heading",
    "landscape",
    "letterhead",
    "new_document",
    "new_workbook",
    "numbered",
    "para",
    "place_and_date",
    "record_loader",
    "register_kind",
    "rule",
    "save",
    "signature",
    "soffice_path",
    "title_block",
    "unavailable",
    "workbook_bytes",
    "xlsx_sheet",
]
