"""职能 names as a 后勤科 writes them (a sheet called 保洁绿化, a 类别 cell 设备维护) mapped to the profile's
functions; and which profile a workbook is for, when the user does not say."""

from __future__ import annotations

from dataclasses import dataclass, field

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.notes.match import function_of_parts, match_function
from zongjie.profiles import Profile
from zongjie.text import strip_ordinal
from zongjie.workbook.values import plain

# Sheet names that say nothing about a 职能.
GENERIC = ("sheet", "汇总", "台账", "指标", "数据", "统计", "总表", "明细", "年度", "工作量", "一览")


def clean(name: str) -> str:
    """一、设备设施 / （二）保洁 / 1.安保 → the name alone; 二次供水 and 一站式服务 keep their first character."""
    return plain(strip_ordinal(name.strip())) or plain(name)  # before NFKC, which reads ① as 1


def profile_key(name: str, profile: Profile) -> str | None:
    """The profile function a 职能 name means: its name, an alias, or words that name one function only."""
    label = clean(name)
    for spec in profile.functions:
        if label in (spec.name, spec.key, *spec.aliases):
            return spec.key
    key = function_of_parts(label, profile, strict=True)
    if key is not None:
        return key
    found = match_function(label, profile)
    return found.key if found.key and not found.others and len(label) >= 2 else None


@dataclass
class Functions:
    """Keys handed out for one workbook: the profile's, or custom1, custom2… with the name as written."""

    profile: Profile
    custom: dict[str, str] = field(default_factory=dict)  # name → custom key
    written: dict[str, list[str]] = field(default_factory=dict)  # key → the names the workbook used for it

    def key(self, name: str) -> tuple[str, str | None]:
        """(key, name for a custom function or None)."""
        label = clean(name)
        found = profile_key(name, self.profile)
        custom = None
        if found is None:
            if label not in self.custom:
                self.custom[label] = f"custom{len(self.custom) + 1}"
            found, custom = self.custom[label], label
        names = self.written.setdefault(found, [])
        if label not in names:
            names.append(label)
        return found, custom

    def comments(self, key: str) -> list[str]:
        """How the workbook's names were mapped, so the user can check it in the facts file."""
        names = self.written.get(key, [])
        spec = self.profile.function(key)
        if spec is None:
            return [
                f"档案“{self.profile.name}”里没有“{'、'.join(names)}”，按自定义职能处理；如属于档案中的职能请改 key"
            ]
        other = [n for n in names if n != spec.name]
        return [f"台账中的“{'、'.join(other)}”按档案对应到“{spec.name}”；不对请改 key"] if other else []


def is_generic(sheet_name: str) -> bool:
    label = plain(sheet_name).lower()
    return any(w in label for w in GENERIC)


_TITLE_HINTS = {
    "school": ("学校", "学院", "大学", "中学", "小学", "幼儿园", "校区", "学校后勤"),
    "hospital": ("医院", "卫生院", "医疗", "院区"),
    "property": ("小区", "物业", "花园", "苑", "家园"),
    "enterprise": ("公司", "集团", "企业", "厂"),
}


def infer_profile(title: str, names: list[str], metric_names: list[str]) -> tuple[str, str]:
    """(profile id, why). The title's kind of organization first (学校, 医院, 小区, 公司), then how many
    职能 and indicator names each profile recognises. BadInput when nothing tells them apart."""
    hinted = [pid for pid, words in _TITLE_HINTS.items() if any(w in title for w in words)]
    if len(hinted) == 1:
        return hinted[0], f"标题“{title}”"
    scores: dict[str, int] = {}
    for pid in profiles.available():
        spec = profiles.load(pid)
        score = sum(10 for n in names if any(clean(n) in (f.name, *f.aliases) for f in spec.functions))
        score += sum(1 for m in metric_names if any(f.indicator_for(m) is not None for f in spec.functions))
        scores[pid] = score
    best = max(scores.values(), default=0)
    winners = [p for p, s in scores.items() if s == best]
    if best and len(winners) == 1:
        return winners[0], "职能和指标名称"
    raise BadInput(
        "cannot tell which profile this workbook is for; pass --profile " + " | ".join(profiles.available())
    )
