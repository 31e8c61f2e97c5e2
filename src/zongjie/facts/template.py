"""`zongjie init`: a commented facts template built from a profile, so every profile gets one for free."""

from __future__ import annotations

from zongjie.profiles import Profile


def template(profile: Profile, year: int) -> str:
    lines = [
        f"# zongjie 事实文件（{profile.name}）。填好后运行：zongjie check 本文件 ; zongjie draft 本文件 -o out",
        "# 只写真实数字：zongjie 不会编造任何数字，同比、完成率由程序计算。",
        "# 指标写法：{name: 指标名, value: 本年数值, unit: 单位, previous: 上年数值, target: 目标值}",
        "# 未知的数值请整行删除，不要写 XX。",
        "report:",
        '  organization: ""        # 必填：单位或项目名称',
        f"  department: {profile.department}",
        f"  profile: {profile.id}",
        f"  year: {year}",
        "  # title: 不写则为 {organization}{department}{year}年度工作总结",
        f"  author: {profile.department}",
        "",
        "summary:            # 前言：总体情况",
        "  notes: []         # 例：在岗员工人数、服务范围",
        "  metrics: []",
        "",
        "functions:          # 主要工作回顾：每个职能一项",
    ]
    for spec in profile.functions:
        # A flow list stays valid YAML whether an example line is commented out or not: uncommenting one
        # cannot break the file, and a value left empty is then reported by its field path.
        lines += [
            f"  - key: {spec.key}   # {spec.name}",
            "    metrics: [     # 去掉行首的 # 并填写数值；没有的指标整行删除",
        ]
        lines += [
            f'      # {{name: {ind.name}, value: , unit: "{ind.unit}", previous: }},'
            for ind in spec.indicators
        ]
        lines += [
            "    ]",
            "    work: []        # 主要工作事项，每条一句",
            "    cases: []       # 典型案例：{date: YYYY-MM-DD, event: , response: , result: }",
        ]
    lines += [
        "",
        "highlights: []      # 亮点：{title: , detail: , metrics: []}",
        "team:               # 团队建设",
        "  notes: []",
        "  metrics: []",
        "problems: []        # 存在问题：{problem: , cause: 原因, measure: 整改措施}",
        "lessons: []         # 经验与启示，每条一句",
        f"plans: []           # {year + 1}年计划：{{goal: , target: {{name: , value: , unit: }}, actions: [], deadline: , owner: }}",
        "",
    ]
    return "\n".join(lines)
