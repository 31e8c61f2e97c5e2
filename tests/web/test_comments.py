"""Saving the facts form keeps what the user wrote in the file besides the facts: the comments above an
entry and the ones trailing it (`value: "1,326"   # 含夜间报修`), in the top part and in the rows, for every
entry that is still there; the original is kept as a backup byte for byte."""

from __future__ import annotations

from pathlib import Path

import yaml
from fastapi.testclient import TestClient

from web.test_facts_form import form_fields, post_form
from web.web_helpers import no_traceback, sid_of
from zongjie.web.facts_file import comments_of, with_comments

# As a clerk types it: Chinese comments of both kinds, a flow row, ％, "1,326", 2025年, a 职能 by its
# Chinese name, blank lines between the parts.
USER_FACTS = """\
# 城南实验中学后勤处 2025年度事实（王老师整理，12月29日）
# 数字来自报修系统和食堂台账

report:
  organization: 城南实验中学   # 全称，别写简称
  department: 后勤处
  profile: 学校
  year: 2025年
  author: 城南实验中学后勤处

functions:
  - key: 设施运维   # 原来叫“维修组”
    metrics:
      # 报修工单：系统导出，含寒暑假
      - name: 报修工单
        value: "1,326"   # 含夜间报修
        unit: 件
        previous: "1,180"
      - name: 维修及时率
        value: 96.8   # 24小时内修复的比例
        unit: ％
        previous: 94.1
    work:
      - 完成实验楼电路增容   # 暑期施工
      # 下面这条等张师傅确认
      - 更换老旧教室灯具

  - key: 食堂
    metrics:
      - {name: 食品抽检合格率, value: 100, unit: ％, previous: 100}   # 市场监管局抽检
"""

INLINE = [
    "全称，别写简称",
    "原来叫“维修组”",
    "含夜间报修",
    "24小时内修复的比例",
    "暑期施工",
    "市场监管局抽检",
]
ABOVE = ["报修工单：系统导出，含寒暑假", "下面这条等张师傅确认"]
HEAD = ["城南实验中学后勤处 2025年度事实（王老师整理，12月29日）", "数字来自报修系统和食堂台账"]


def _upload(client: TestClient) -> tuple[str, str]:
    r = client.post(
        "/upload-facts", files={"file": ("城南.yaml", USER_FACTS.encode("utf-8"), "application/yaml")}
    )
    assert r.status_code == 200, r.text
    no_traceback(r.text)
    return sid_of(str(r.url).replace("http://testserver", "")), r.text


def _line(text: str, start: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip().startswith(start))


def test_saving_the_untouched_form_keeps_every_comment_on_its_entry(client: TestClient, served: Path) -> None:
    sid, html = _upload(client)
    r = post_form(client, f"/s/{sid}/facts", form_fields(html), follow_redirects=False)
    assert r.status_code == 303, r.text
    saved = (served / sid / "facts.yaml").read_text(encoding="utf-8")
    # trailing comments stay on their entry's line
    assert _line(saved, "organization:") == "organization: 城南实验中学  # 全称，别写简称"
    assert _line(saved, "- key: 设施运维") == "- key: 设施运维  # 原来叫“维修组”"
    assert _line(saved, "value: 1326") == "value: 1326  # 含夜间报修"
    assert _line(saved, "value: 96.8") == "value: 96.8  # 24小时内修复的比例"
    assert _line(saved, "- 完成实验楼电路增容") == "- 完成实验楼电路增容  # 暑期施工"
    assert _line(saved, "- name: 食品抽检合格率").endswith("# 市场监管局抽检")  # the flow row's, now block
    # whole-line comments stay above their entry, the head on top
    lines = [line.strip() for line in saved.splitlines()]
    assert lines[:2] == [f"# {c}" for c in HEAD]
    assert lines[lines.index("# 报修工单：系统导出，含寒暑假") + 1] == "- name: 报修工单"
    assert lines[lines.index("# 下面这条等张师傅确认") + 1] == "- 更换老旧教室灯具"
    # read again, the file gives the same comments and the same facts
    again = comments_of(saved)
    assert sorted(again.inline.values()) == sorted(INLINE)
    assert [c for block in again.above.values() for c in block] == ABOVE
    metrics = yaml.safe_load(saved)["functions"][0]["metrics"]
    assert metrics[0] == {"name": "报修工单", "value": 1326, "unit": "件", "previous": 1180}
    assert metrics[1]["unit"] == "％"
    # the parts are still set apart by a blank line, and the original is the backup, byte for byte
    assert "\n\nreport:\n" in saved and "\n\nfunctions:\n" in saved
    assert (served / sid / "facts.yaml.bak").read_text(encoding="utf-8") == USER_FACTS


def test_a_function_written_by_its_chinese_name_is_that_function_and_keeps_the_word(
    client: TestClient, served: Path
) -> None:
    sid, html = _upload(client)
    select = html[
        html.index('name="functions.0.key"') : html.index("</select>", html.index('name="functions.0.key"'))
    ]
    assert '<option value="设施运维" selected>设施运维（' in select
    assert "自定义" not in select
    form = html[: html.index("</form>")]  # (the gap report beside it names them too)
    assert 'value="平均响应时间"' in form  # the profile's recommended indicators for it are offered as rows
    r = post_form(client, f"/s/{sid}/facts", form_fields(html), follow_redirects=False)
    assert r.status_code == 303, r.text
    saved = yaml.safe_load((served / sid / "facts.yaml").read_text(encoding="utf-8"))
    assert [f["key"] for f in saved["functions"]] == ["设施运维", "食堂"]  # the user's words, not ours
    assert len(saved["functions"][0]["metrics"]) == 2  # recommended rows left empty are not saved


def test_comments_follow_their_row_when_a_row_is_removed_and_values_change(
    client: TestClient, served: Path
) -> None:
    sid, html = _upload(client)
    fields = form_fields(html)
    # the user deletes the 报修工单 row (metrics.0) and corrects 维修及时率 (now the first row)
    fields = [(n, v) for n, v in fields if not n.startswith("functions.0.metrics.0.")]
    fields = [(n, "97.2" if n == "functions.0.metrics.1.value" else v) for n, v in fields]
    r = post_form(client, f"/s/{sid}/facts", fields, follow_redirects=False)
    assert r.status_code == 303, r.text
    saved = (served / sid / "facts.yaml").read_text(encoding="utf-8")
    # the removed row's comments went with it; the changed value keeps its own
    assert "含夜间报修" not in saved and "报修工单：系统导出" not in saved
    assert _line(saved, "value: 97.2") == "value: 97.2  # 24小时内修复的比例"
    assert yaml.safe_load(saved)["functions"][0]["metrics"][0]["name"] == "维修及时率"
    assert _line(saved, "organization:").endswith("# 全称，别写简称")


def test_a_row_emptied_in_the_form_loses_its_comments_and_the_next_keeps_its_own(
    client: TestClient, served: Path
) -> None:
    sid, html = _upload(client)
    fields = [(n, "" if n == "functions.0.work.0._" else v) for n, v in form_fields(html)]
    r = post_form(client, f"/s/{sid}/facts", fields, follow_redirects=False)
    assert r.status_code == 303, r.text
    saved = (served / sid / "facts.yaml").read_text(encoding="utf-8")
    assert "暑期施工" not in saved and "完成实验楼电路增容" not in saved  # the emptied row is gone
    lines = [line.strip() for line in saved.splitlines()]
    assert lines[lines.index("# 下面这条等张师傅确认") + 1] == "- 更换老旧教室灯具"  # now work[0]
    assert yaml.safe_load(saved)["functions"][0]["work"] == ["更换老旧教室灯具"]


def test_a_hash_inside_a_value_is_not_a_comment() -> None:
    text = (
        "report:\n"
        '  organization: "3#楼 物业"   # 引号里的井号不是注释\n'
        "  department: 后勤#2科\n"
        "  title: |\n"
        "    第一行 # 不是注释\n"
        "  author: 后勤科 #落款\n"
    )
    found = comments_of(text)
    assert found.inline == {("report", "organization"): "引号里的井号不是注释", ("report", "author"): "落款"}
    data = yaml.safe_load(text)
    written = with_comments(data, found)
    assert yaml.safe_load(written) == data
    assert comments_of(written).inline == found.inline
