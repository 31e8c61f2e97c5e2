"""GB/T 9704 page and type settings for a python-docx Document: A4, the standard margins, 仿宋 三号 body on a
fixed 28.95 pt line, 黑体/楷体 headings, 小标宋 title, "— 1 —" page numbers.

python-docx's default template puts every font through the theme (w:asciiTheme, w:eastAsiaTheme, ...),
and a theme attribute wins over a named font, so Chinese text would come out in the theme's Latin font.
Every theme attribute is therefore stripped, and names are set on w:eastAsia explicitly.
"""

from __future__ import annotations

from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
THEME_ATTRS = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")
LATIN_FONT = "Times New Roman"

# The faces GB/T 9704 asks for, by the names Windows, WPS and LibreOffice all resolve: 仿宋, 楷体, 黑体 and 宋体
# ship with Windows and WPS, while 仿宋_GB2312 and 楷体_GB2312 are missing from most machines since Windows 7 —
# where they are missing every program substitutes one default face, and headings look like body text
# (measured with LibreOffice: altName and w:family in the font table are ignored, only the run's name counts).
# The title keeps 方正小标宋简体, found on most office machines; Word falls back to 宋体 (altName) without it.
TITLE_FONT, TITLE_ALT = "方正小标宋简体", "宋体"
BODY_FONT = "仿宋"
H1_FONT = "黑体"
H2_FONT = "楷体"
PAGE_FONT = "宋体"
# w:altName, the font Word tries when a name is not installed: the title's stand-in, and the English names the
# same faces carry on Windows (FangSong, ...) for programs that look fonts up by those.
ALT_NAMES = {
    TITLE_FONT: TITLE_ALT,
    BODY_FONT: "FangSong",
    H1_FONT: "SimHei",
    H2_FONT: "KaiTi",
    PAGE_FONT: "SimSun",
}

# Sizes in points: 二号 22, 三号 16, 四号 14, 小四 12.
TITLE_SIZE, BODY_SIZE, PAGE_SIZE, TABLE_SIZE = 22.0, 16.0, 14.0, 12.0
LINE_PITCH = 28.95  # 22 lines on the GB/T 9704 type area
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}

# Markdown heading level → (Word style, East Asian font).
HEADING_STYLES = {2: ("Heading 1", H1_FONT), 3: ("Heading 2", H2_FONT), 4: ("Heading 3", BODY_FONT)}


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def strip_theme_fonts(root: Any) -> int:
    """Removes theme-font attributes under `root`; returns how many were removed."""
    removed = 0
    for el in root.iter(w("rFonts")):
        for attr in THEME_ATTRS:
            if w(attr) in el.attrib:
                del el.attrib[w(attr)]
                removed += 1
    return removed


def set_fonts(rpr_parent: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Sets the fonts on a run, style or docDefaults rPr: w:eastAsia is what Chinese text uses."""
    fonts = rpr_parent.get_or_add_rPr().get_or_add_rFonts()
    for attr in THEME_ATTRS:
        fonts.attrib.pop(w(attr), None)
    fonts.set(w("ascii"), latin)
    fonts.set(w("hAnsi"), latin)
    fonts.set(w("cs"), latin)
    fonts.set(w("eastAsia"), east_asia)
    fonts.set(w("hint"), "eastAsia")  # “” and … are drawn with the Chinese face, not Times New Roman


def _style_text(style: Any, east_asia: str, size: float, *, bold: bool = False) -> None:
    from docx.shared import Pt, RGBColor

    rpr = style.element.get_or_add_rPr()
    for child in list(rpr):
        rpr.remove(child)  # the template's bold, theme colour and sizes go; ours are set below
    set_fonts(style.element, east_asia)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)


def _paragraph_layout(style: Any, *, indent: bool = True, exact: bool = True) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if exact:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(LINE_PITCH)
    pf.first_line_indent = Pt(BODY_SIZE * 2) if indent else Pt(0)


# CT_PPrBase children that follow w:autoSpaceDN, in schema order.
_AFTER_AUTOSPACE = (
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _no_auto_space(style: Any) -> None:
    """公文 puts no space between 汉字 and digits, and neither may the word processor (autoSpaceDE/DN)."""
    from docx.oxml import OxmlElement

    ppr = style.element.get_or_add_pPr()
    for tag in ("autoSpaceDE", "autoSpaceDN"):
        for old in ppr.findall(w(tag)):
            ppr.remove(old)
        el = OxmlElement(f"w:{tag}")
        el.set(w("val"), "0")
        ppr.insert_element_before(el, *_AFTER_AUTOSPACE)  # Word rejects pPr children out of order


def _drop_borders(style: Any) -> None:
    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(w("pBdr")):
            ppr.remove(border)


def setup_page(document: Any) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(28)  # the page number sits 7 mm below the type area


def setup_styles(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    styles = document.styles
    strip_theme_fonts(styles.element)
    defaults = styles.element.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    if defaults is not None:
        fonts = defaults.find(w("rFonts"))
        if fonts is not None:
            fonts.set(w("ascii"), LATIN_FONT)
            fonts.set(w("hAnsi"), LATIN_FONT)
            fonts.set(w("cs"), LATIN_FONT)
            fonts.set(w("eastAsia"), BODY_FONT)
        lang = defaults.find(w("lang"))
        if lang is not None:
            lang.set(w("eastAsia"), "zh-CN")
    normal = styles["Normal"]
    _style_text(normal, BODY_FONT, BODY_SIZE)
    _paragraph_layout(normal, indent=False)
    normal.paragraph_format.widow_control = False  # 公文 lines stay on the 22-line grid
    _no_auto_space(normal)

    title = styles["Title"]
    _drop_borders(title)
    _style_text(title, TITLE_FONT, TITLE_SIZE)
    _paragraph_layout(title, indent=False, exact=False)
    title.paragraph_format.line_spacing = 1.25
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(LINE_PITCH)

    for style_name, font in HEADING_STYLES.values():
        heading = styles[style_name]
        _style_text(heading, font, BODY_SIZE)
        _paragraph_layout(heading)
        heading.paragraph_format.keep_with_next = True

    footer = styles["Footer"]
    _style_text(footer, PAGE_FONT, PAGE_SIZE)
    _paragraph_layout(footer, indent=False, exact=False)
    _strip_part_themes(document)
    _add_alt_names(document)


def _related_part(document: Any, kind: str) -> Any | None:
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/" + kind):
            return rel.target_part
    return None


def _strip_part_themes(document: Any) -> None:
    """stylesWithEffects (read by Word 2010) carries its own copy of the theme fonts."""
    part = _related_part(document, "stylesWithEffects")
    if part is None:
        return
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    root = parse_xml(part.blob)
    if strip_theme_fonts(root):
        part._blob = serialize_part_xml(root)


def _add_alt_names(document: Any) -> None:
    """fontTable w:altName tells Word which font to use when 仿宋_GB2312 or 小标宋 is not installed."""
    part = _related_part(document, "fontTable")
    if part is None:
        return
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import OxmlElement
    from docx.oxml.parser import parse_xml

    root = parse_xml(part.blob)
    for name, alt in ALT_NAMES.items():
        font = next((f for f in root.findall(w("font")) if f.get(w("name")) == name), None)
        if font is None:
            font = OxmlElement("w:font")
            font.set(w("name"), name)
            root.append(font)
        for old in font.findall(w("altName")):
            font.remove(old)
        alt_el = OxmlElement("w:altName")
        alt_el.set(w("val"), alt)
        font.insert(0, alt_el)
        if len(font) == 1:  # a font entry of our own: altName then charset, in schema order
            charset = OxmlElement("w:charset")
            charset.set(w("val"), "86")  # GB2312
            font.insert(1, charset)
    part._blob = serialize_part_xml(root)


def _page_field(paragraph: Any) -> None:
    """'— PAGE —' as a complex field, so Word and LibreOffice both number the pages."""
    from docx.oxml import OxmlElement

    def run_with(child: Any | None, text: str | None = None) -> None:
        run = paragraph.add_run(text or "")
        set_fonts(run._r, PAGE_FONT)
        if child is not None:
            run._r.append(child)

    def fld(kind: str) -> Any:
        el = OxmlElement("w:fldChar")
        el.set(w("fldCharType"), kind)
        return el

    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = " PAGE "
    run_with(None, "— ")
    run_with(fld("begin"))
    run_with(instr)
    run_with(fld("separate"))
    run_with(None, "1")
    run_with(fld("end"))
    run_with(None, " —")


def setup_footers(document: Any) -> None:
    """GB/T 9704: odd pages' number at the right, even pages' at the left, one character in from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        para.style = document.styles["Footer"]
        para.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            para.paragraph_format.right_indent = Pt(PAGE_SIZE)
        else:
            para.paragraph_format.left_indent = Pt(PAGE_SIZE)
        _page_field(para)
