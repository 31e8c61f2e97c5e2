"""Notes as written by people: bullets, paragraphs, headings. Each note becomes an Item with its line number,
so every fact extracted later can say where it came from and every line can be accounted for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from zongjie.errors import BadInput
from zongjie.files import read_stdin, read_text, warn_stderr
from zongjie.text import fold

_BULLET = re.compile(r"^\s*(?:[-*+•·]\s*|\d{1,2}[.、．)）]\s*|[（(]\d{1,2}[)）]\s*|[①-⑳]\s*)")
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
# 一、设备设施 / （一）设备 / 【设备】 / **设备**: heading styles people use in plain text.
_CN_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])\s*(.+)$"
)
_BRACKET_HEADING = re.compile(r"^\s*(?:【(.+?)】|\*\*(.+?)\*\*)\s*[:：]?\s*$")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_TRAILING = "。；;，,、 \t\u3000"
_CJK = r"\u3400-\u9fff"


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


# A title line names the year and what the notes are: “阳光花园项目物业后勤科2025年工作笔记”.
# “2025年 市人民医院 总务科 工作要点（草）”: the unit's full name may stand between the year and what it is.
TITLE = re.compile(
    r"(20\d{2})\s*(?:年度?|学年)?.{0,16}?(?:总结|笔记|小结|记录|汇报|工作|盘点|材料|素材|要点)"
)
# A title without a year: “锦绣园物业后勤科工作情况”; the year is then inferred from the notes.
UNDATED_TITLE = re.compile(
    r"^(?P<who>[^\d，,。；;：:]{2,24}?)(?:年度|全年)?工作(?:总结|笔记|小结|记录|汇报|情况|素材|要点)\S{0,3}$"
)


@dataclass
class Notes:
    source: str
    text: str
    items: list[Item]
    headings: list[Heading]
    title: Heading | None = None  # the opening line when it reads as a title; not a section context


# 1,326 次: a thousands separator (the number reader takes "1,326" as 1326) would otherwise be cut as a
# clause break ("全年巡检1" + "326次"). Only groups of exactly three digits after 1-3 leading ones.
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?:,\d{3})+)(?![\d,])")


def tidy(text: str) -> str:
    """No thousands separators (1,326 → 1326), no space between 汉字 and digits or between a number and
    its unit (公文 convention), no trailing punctuation; full-width digits, ． and ％ folded to ASCII by the
    text layer (８２．３％ → 82.3%), so no figure is ever half normalised."""
    text = fold(text)
    text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(",", ""), text.strip())
    text = re.sub(r"(?<=\d)[ \t\u3000]+(?=[%％])", "", text)
    text = re.sub(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[0-9A-Za-z%])", "", text)
    text = re.sub(rf"(?<=[0-9A-Za-z%])[ \t\u3000]+(?=[{_CJK}])", "", text)
    return text.rstrip(_TRAILING)


def _heading(line: str, is_bullet: bool) -> tuple[str, int] | None:
    m = _MD_HEADING.match(line)
    if m:
        return m.group(2).strip("*: ：").strip(), len(m.group(1))
    if is_bullet:
        return None
    m = _BRACKET_HEADING.match(line)
    if m:
        return (m.group(1) or m.group(2)).strip(), 3
    m = _CN_HEADING.match(line)
    if m and len(m.group(1)) <= 16 and not re.search(r"\d", m.group(1)):
        return m.group(1).strip("：: "), 2
    stripped = line.strip()
    # A short line ending in a colon with nothing after it introduces the lines below: 设备方面：
    if stripped.endswith(("：", ":")) and len(stripped) <= 16 and not re.search(r"\d", stripped[:-1]):
        return stripped[:-1].strip(), 3
    return None


def sentences(text: str) -> list[str]:
    """A paragraph cut into sentences; clauses joined by ，or ；stay together (原因：… belongs to its problem)."""
    return [s for s in (tidy(p) for p in _SENTENCE_END.split(text)) if s]


def parse(text: str, source: str = "<notes>") -> Notes:
    items: list[Item] = []
    headings: list[Heading] = []
    title: Heading | None = None
    current: str | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or re.fullmatch(r"\s*(?:-{3,}|\*{3,}|_{3,}|```.*)\s*", raw):
            continue
        bullet = _BULLET.match(raw)
        head = _heading(raw, bool(bullet and bullet.group().strip()))
        first = not items and not headings and title is None
        if first and not (bullet and bullet.group().strip()):
            candidate = tidy(head[0] if head else raw)
            titled = TITLE.search(candidate) or UNDATED_TITLE.match(candidate)
            if (head is not None and head[1] == 1) or (titled and len(candidate) <= 40):
                title = Heading(n, candidate, 1)
                continue
        if head is not None and head[0]:
            headings.append(Heading(n, tidy(head[0]), head[1]))
            current = tidy(head[0])
            continue
        body = raw[bullet.end() :] if bullet else raw
        for sentence in sentences(body):
            items.append(Item(n, sentence, current))
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
