"""The national format of the annual report (国办公开办函〔2021〕30号), label for label.

Row and column labels are copied verbatim from the format (reference/regulations.md §1);
the report page, ``report.json`` and DS002 messages all take their wording from here,
so a cell is named the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

SECTIONS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

# ---- table 二 (主动公开): (YAML key, 第二十条 item, row label, [(field, column label)])
PROACTIVE = (
    ("regulations", "第二十条第（一）项", "规章",
     (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))),
    ("normative_documents", "第二十条第（一）项", "行政规范性文件",
     (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))),
    ("licensing", "第二十条第（五）项", "行政许可", (("decisions", "本年处理决定数量"),)),
    ("penalties", "第二十条第（六）项", "行政处罚", (("decisions", "本年处理决定数量"),)),
    ("enforcement", "第二十条第（六）项", "行政强制", (("decisions", "本年处理决定数量"),)),
    ("fees", "第二十条第（八）项", "行政事业性收费", (("amount_wan_yuan", "本年收费金额（单位：万元）"),)),
)  # fmt: skip

# ---- table 三 (依申请): applicant columns
APPLICANT_KEYS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other_org",
)
APPLICANT_LABELS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
TOTAL_LABEL = "总计"
COLUMN_LABELS = (*APPLICANT_LABELS, TOTAL_LABEL)
ORGANISATION_LABEL = "法人或其他组织"
APPLICANT_HEADER = "申请人情况"
IDENTITY_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

OUTCOME_GROUP_LABEL = "三、本年度办理结果"


@dataclass(frozen=True)
class Row:
    """One numeric row of table 三: its YAML path and its labels as printed."""

    path: tuple[str, ...]  # ("new",) or ("withheld", "third_party")
    label: str  # the row's own label
    group: str = ""  # （三）不予公开 … for sub-rows

    @property
    def yaml_path(self) -> str:
        return "applications." + ".".join(self.path)

    @property
    def full_label(self) -> str:
        return f"{self.group}{self.label}" if self.group else self.label


OUTCOME_GROUPS = (
    ("withheld", "（三）不予公开", (
        ("state_secret", "1.属于国家秘密"),
        ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("safety_stability", "3.危及“三安全一稳定”"),
        ("third_party", "4.保护第三方合法权益"),
        ("internal_affairs", "5.属于三类内部事务信息"),
        ("process_info", "6.属于四类过程性信息"),
        ("enforcement_files", "7.属于行政执法案卷"),
        ("query_matters", "8.属于行政查询事项"),
    )),
    ("unavailable", "（四）无法提供", (
        ("not_held", "1.本机关不掌握相关政府信息"),
        ("needs_creation", "2.没有现成信息需要另行制作"),
        ("unclear_after_correction", "3.补正后申请内容仍不明确"),
    )),
    ("not_processed", "（五）不予处理", (
        ("complaint", "1.信访举报投诉类申请"),
        ("duplicate", "2.重复申请"),
        ("publication", "3.要求提供公开出版物"),
        ("excessive", "4.无正当理由大量反复申请"),
        ("confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    )),
    ("other", "（六）其他处理", (
        ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "3.其他"),
    )),
)  # fmt: skip

NEW = Row(("new",), "一、本年新收政府信息公开申请数量")
CARRIED_OVER = Row(("carried_over",), "二、上年结转政府信息公开申请数量")
GRANTED = Row(("granted",), "（一）予以公开")
PARTIALLY_GRANTED = Row(
    ("partially_granted",), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
)
TOTAL_HANDLED = Row(("total_handled",), "（七）总计")
CARRIED_FORWARD = Row(("carried_forward",), "四、结转下年度继续办理")

OUTCOME_ROWS: tuple[Row, ...] = (
    GRANTED,
    PARTIALLY_GRANTED,
    *(
        Row((group, key), label, group_label)
        for group, group_label, items in OUTCOME_GROUPS
        for key, label in items
    ),
)
# Every numeric row of table 三 in printed order (25 rows; with the group label 三, 26 labels).
TABLE_THREE_ROWS: tuple[Row, ...] = (
    NEW,
    CARRIED_OVER,
    *OUTCOME_ROWS,
    TOTAL_HANDLED,
    CARRIED_FORWARD,
)
OUTCOME_KEYS = {".".join(row.path) for row in OUTCOME_ROWS}

# ---- table 四 (复议、诉讼)
REVIEW_KINDS = (
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)
LITIGATION_LABEL = "行政诉讼"
RESULT_KEYS = ("upheld", "corrected", "other", "pending")
RESULT_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
