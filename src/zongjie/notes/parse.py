"""Notes as written by people: bullets, paragraphs, headings. Each note becomes an Item with its line number,
so every fact extracted later can say where it came from and every line can be accounted for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from zongjie.errors import BadInput
from zongjie.files import read_stdin, read_text, warn_stderr
from zongjie.text import close_up, extract, ordinal, read_lines, ungroup, years
from zongjie.text import sentences as sentence_spans
from zongjie.text.markdown import Line

# 【设备】 / **设备**: heading styles people use in plain text.
_BRACKET_HEADING = re.compile(r"^\s*(?:【(.+?)】|\*\*(.+?)\*\*)\s*[:：]?\s*$")
# 一、设备设施 / 一．设备 / （一）设备 / 第一部分 / 1.2 设备: numbered like a heading of a 公文 or an outline.
# A bare line that is only a section's name — 明年, 明年计划, 下一步, 明年打算：, 存在问题 — heads the lines below
# (no # and no colon needed); never a note of its own.
_SECTION_LINE = re.compile(
    r"(?:明年|来年|下一?年度?|下一步|下个?学期|下一学期|新学年)(?:工作)?(?:计划|打算|安排|思路|目标|设想)?"
    r"|(?:存在的?|主要)?(?:问题|不足)(?:与不足|和不足)?"
)
_HEADING_ORDINALS = ("一、", "一.", "（一）", "第一部分", "第一章", "第一节", "1.1")
_TRAILING = "。；;，,、 \t\u3000"


@dataclass(frozen=True)
class Item:
    """One note: a bullet, a line, or one sentence of a paragraph. `line` is 1-based in the notes file."""

    line: int
    text: str
    heading: str | None = None


@dataclass(frozen=True)
class Heading:
    line: int
    text: str
    level: int


# What a title says the notes are: “阳光花园项目物业后勤科2025年工作笔记”, “2025总务处年终材料”.
_TITLE_KIND = re.compile(r"总结|笔记|小结|记录|汇报|工作|盘点|材料|素材|要点|随记|随笔|记事|备忘|草稿")
_KIND_WITHIN = 16  # “2025年 市人民医院 总务科 工作要点”: the unit's full name may stand between
# A title without a year: “锦绣园物业后勤科工作情况”; the year is then inferred from the notes.
UNDATED_TITLE = re.compile(
    r"^(?P<who>[^，,。；;：:]{2,24}?)(?:年度|全年)?(?:工作(?:总结|笔记|小结|记录|汇报|情况|素材|要点)|(?:工作)?(?:随记|随笔|记事|备忘))\S{0,3}$"
)


def title_year(line: str) -> int | None:
    """The year a title line names before what the notes are (2025总务处年终材料 → 2025; 2024—2025学年… →
    2025, the year the school year ends in); None when the line reads as no dated title."""
    found = [y.year for y in years(line) if _TITLE_KIND.search(line, y.end, y.end + _KIND_WITHIN + 2)]
    return max(found) if found else None


def _figureless(text: str) -> bool:
    return not extract(text)


def is_title(line: str) -> bool:
    """A dated title (…2025年工作笔记) or an undated one naming no figure (锦绣园物业后勤科工作情况)."""
    if title_year(line) is not None:
        return True
    m = UNDATED_TITLE.match(line)
    return bool(m and _figureless(m.group("who")))


@dataclass
class Notes:
    source: str
    text: str
    items: list[Item]
    headings: list[Heading]
    title: Heading | None = None  # the opening line when it reads as a title; not a section context


def tidy(text: str) -> str:
    """No thousands separators (1,326 → 1326; 1,326 次 would otherwise be cut at its comma), no space between
    汉字 and digits or between a number and its unit (公文 convention), no trailing punctuation; full-width
    digits, ． and ％ folded to ASCII by the text layer (８２．３％ → 82.3%), so no figure is half normalised."""
    return close_up(ungroup(text.strip())).rstrip(_TRAILING)


def _heading(line: Line) -> tuple[str, int] | None:
    """What a line read by text.read_lines means as a heading of the notes, and its level: a Markdown
    heading; a short figureless line numbered 一、/（一）; 【设备】 or **设备**; a short line ending in a colon
    (设备方面：) that introduces the lines below."""
    if line.kind == "heading":
        return line.content.strip("*: ：").strip(), line.level
    o = ordinal(line.raw)
    if o is not None and o.form in _HEADING_ORDINALS:
        rest = line.raw[o.end :].strip()
        if rest and len(rest) <= 16 and _figureless(rest):
            return rest.strip("：: "), 2
        return None
    if line.kind == "item":
        return None
    m = _BRACKET_HEADING.match(line.raw)
    if m:
        return (m.group(1) or m.group(2)).strip(), 3
    stripped = line.content
    if _SECTION_LINE.fullmatch(stripped.strip().rstrip("：:。 ")):
        return stripped.strip().rstrip("：:。 "), 3
    if stripped.endswith(("：", ":")) and len(stripped) <= 16 and _figureless(stripped[:-1]):
        return stripped[:-1].strip(), 3
    return None


def sentences(text: str) -> list[str]:
    """A paragraph cut into sentences; clauses joined by ，or ；stay together (原因：… belongs to its problem)."""
    return [s for s in (tidy(p) for _, p in sentence_spans(text)) if s]


def _body(line: Line) -> str:
    """The note a line holds: without its list marker (and without a heading-style ordinal 一、 that did not
    make it a heading: 一、全年巡检1326次)."""
    o = ordinal(line.raw) if line.kind == "text" else None
    if o is not None and o.form in _HEADING_ORDINALS:
        return line.raw[o.end :]
    return line.content


def parse(text: str, source: str = "<notes>") -> Notes:
    """Notes read line by line through the one Markdown reader (text.read_lines); what a line means here — a
    title, a section heading, notes — is decided on its kind and content."""
    items: list[Item] = []
    headings: list[Heading] = []
    title: Heading | None = None
    current: str | None = None
    for line in read_lines(text):
        if line.kind in ("blank", "rule", "fence", "comment"):
            continue
        head = _heading(line)
        if not items and not headings and title is None and line.kind != "item":
            # #2025总务处年终材料: no space after the #, so no Markdown heading, but a title all the same
            candidate = tidy(head[0] if head else line.content.lstrip("#＃ \u3000"))
            if (head is not None and head[1] == 1) or (is_title(candidate) and len(candidate) <= 40):
                title = Heading(line.number, candidate, 1)
                continue
        if head is not None and head[0]:
            current = tidy(head[0])
            headings.append(Heading(line.number, current, head[1]))
            continue
        for sentence in sentences(_body(line)):
            items.append(Item(line.number, sentence, current))
    return Notes(source=source, text=text, items=items, headings=headings, title=title)


def read(path: Path) -> Notes:
    """Reads a notes file (`-` is stdin); missing, unreadable or empty notes are bad input (exit 2)."""
    if str(path) == "-":
        return _checked(parse(read_stdin("notes"), "<stdin>"), "<stdin>")
    text = read_text(path, "notes file", legacy=warn_stderr)  # Notepad's "ANSI" (GB18030) is read too
    return _checked(parse(text, path.name), str(path))


def _checked(notes: Notes, where: str) -> Notes:
    if not notes.items:
        raise BadInput(f"{where}: the notes are empty (no bullet or line with content)")
    return notes
