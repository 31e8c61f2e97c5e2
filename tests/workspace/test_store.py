from __future__ import annotations

import os
from pathlib import Path

import pytest

from zongjie.workspace.assemble import number_headings, section_text
from zongjie.workspace.store import atomic_write


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.md"
    atomic_write(target, "旧内容\n")
    atomic_write(target, "新内容\n")
    assert target.read_text(encoding="utf-8") == "新内容\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["b.md"]


def test_atomic_write_failure_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "b.md"
    atomic_write(target, "旧内容\n")

    def boom(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "新内容\n")
    assert target.read_text(encoding="utf-8") == "旧内容\n"
    assert [p.name for p in tmp_path.iterdir()] == ["b.md"]


def test_number_headings_renumbers_and_restarts_subsections() -> None:
    md = "# 标题\n\n前言。\n\n## 主要工作\n\n### 甲\n\n### （五）乙\n\n## 三、问题\n\n### 丙"
    assert number_headings(md).splitlines() == [
        "# 标题",
        "",
        "前言。",
        "",
        "## 一、主要工作",
        "",
        "### （一）甲",
        "",
        "### （二）乙",
        "",
        "## 二、问题",
        "",
        "### （一）丙",
    ]


def test_section_text_levels() -> None:
    assert section_text(0, "前言", "正文。\n") == "正文。\n"
    assert section_text(1, "某标题", "") == "# 某标题\n"
    assert section_text(3, "环境卫生管理", "正文。") == "### 环境卫生管理\n\n正文。\n"


def test_number_headings_replaces_the_numbers_people_type() -> None:
    """一． and (三) typed by hand are numbers too: replaced, not doubled (一、一．问题). 1. and 2025年 are text."""
    md = "## 一．主要工作\n### (三)甲\n### ３．乙\n## 十二、问题\n## 2025年计划"
    assert number_headings(md).splitlines() == [
        "## 一、主要工作",
        "### （一）甲",
        "### （二）３．乙",
        "## 二、问题",
        "## 三、2025年计划",
    ]
