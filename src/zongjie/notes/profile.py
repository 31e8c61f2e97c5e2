"""Which profile (物业/学校/医院/企业) a set of notes is about, read from its vocabulary: 师生 and 校区 say
school, 病区 and 医废 hospital, 业主 and 物业费 property, 员工 and 公司 enterprise. The choice and its reason are
said on screen with how to override it (--profile); when the words do not settle it, the facts file asks."""

from __future__ import annotations

from dataclasses import dataclass

from zongjie import profiles

# Words that belong to one kind of organisation. A word shared by several (食堂 is in schools, hospitals and
# companies) is listed where it is most telling and weighs 1; the defining words weigh 2.
VOCABULARY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "school": (
        ("师生", "学生", "教师", "校区", "校园", "学年", "学期", "总务处", "教学楼", "开学", "寒假", "暑假"),
        ("食堂", "公寓", "宿舍", "教室", "实验室", "图书馆", "考试", "招生", "毕业"),
    ),
    "hospital": (
        ("病区", "院感", "医废", "医疗废物", "患者", "病房", "门诊", "住院", "医护", "护士", "病人"),
        ("医院", "手术", "床位", "陪护", "消毒供应", "膳食", "急诊", "科室"),
    ),
    "property": (
        ("业主", "小区", "物业费", "住户", "楼栋", "入住率", "电梯困人", "物业服务中心", "收费率"),
        ("车位", "地库", "单元", "装修", "楼盘", "物业"),
    ),
    "enterprise": (
        ("员工", "公司", "厂区", "职工", "班车", "集团", "车间", "行政部"),
        ("车辆", "用车", "办公楼", "会议室", "差旅", "生产", "派车"),
    ),
}
DEFAULT = "property"
# The winner must lead the runner-up by this factor to be taken without asking.
LEAD = 1.5


@dataclass(frozen=True)
class Choice:
    """The profile chosen for the notes, and why, in a form for the screen and for the facts file."""

    id: str
    certain: bool
    words: tuple[tuple[str, int], ...]  # (word, count) that decided it, most frequent first
    given: bool = False  # named by the user (--profile)

    @property
    def name(self) -> str:
        return profiles.load(self.id).name

    def said(self) -> str:
        """One line for the screen (English, about the tool), naming the words that decided it."""
        others = ", ".join(p for p in profiles.available() if p != self.id)
        if self.given:
            return f"profile: {self.id} ({self.name}), as given with --profile"
        if not self.words:
            return (
                f"profile: {self.id} ({self.name}) — the notes name no school, hospital, property or company "
                f"words, so this is a guess; use --profile ({others}) to choose"
            )
        why = "、".join(f"{w}×{n}" for w, n in self.words[:5])
        if self.certain:
            return f"profile: {self.id} ({self.name}), from the notes' words {why}; to override: --profile ({others})"
        return (
            f"profile: {self.id} ({self.name}) — unclear from the notes' words ({why}); a question is in the facts "
            f"file; use --profile ({others}) to choose"
        )

    def comment(self) -> str:
        """The same in Chinese, for the facts file (a `# ?` question when unsure)."""
        if self.given:
            return f"档案：按 --profile 用“{self.name}”"
        why = "、".join(w for w, _ in self.words[:5])
        if self.certain:
            return f"档案：按笔记用词（{why}）判断为“{self.name}”；不对请改 profile 或用 --profile 指定"
        said = f"笔记用词（{why}）不足以判断" if why else "笔记里没有能判断单位类型的用词"
        return f"? 档案：{said}，暂按“{self.name}”；请确认 profile（property/school/hospital/enterprise）"


def infer(text: str) -> Choice:
    """The profile whose vocabulary the notes use most; unsure when no profile leads clearly."""
    scores: dict[str, int] = {}
    found: dict[str, list[tuple[str, int]]] = {}
    for pid, (strong, weak) in VOCABULARY.items():
        hits = [(w, text.count(w)) for w in (*strong, *weak)]
        hits = [(w, n) for w, n in hits if n]
        scores[pid] = sum(n * (2 if w in strong else 1) for w, n in hits)
        found[pid] = sorted(hits, key=lambda h: -h[1])
    ranked = sorted(scores, key=lambda p: -scores[p])
    best, second = ranked[0], ranked[1]
    if scores[best] == 0:
        return Choice(DEFAULT, False, ())
    certain = scores[best] >= 2 and scores[best] >= LEAD * scores[second]
    return Choice(best, certain, tuple(found[best]))


def choose(text: str, given: str | None) -> Choice:
    if given is not None:
        # an unknown one is bad input, named; 学校 / 物业 are the school / property profiles
        return Choice(profiles.load(given).id, True, (), given=True)
    return infer(text)
