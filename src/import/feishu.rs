//! Feishu/Lark (飞书) meeting export, `参会人明细` as the admin console and the open
//! platform's export give it (xlsx): `参会者` (or `参会人`), `部门`, `用户ID`, `工号`, `电话`,
//! `邮箱`, `设备`, ..., `入会时间`, `离会时间`, `参会时长`, `离会原因`; times like
//! `2022.12.23 11:16:59 (GMT+08:00)`, durations `00:01:52`. One row per join: a
//! reconnect is a second row. Where this was learned: docs/platforms.md.

/// Feishu's table: its participant column or its leave-reason column.
pub(crate) fn is_feishu(name: &str, header: &[String]) -> bool {
    name.contains("参会者")
        || name.contains("参会人")
        || header.iter().any(|k| k.contains("离会原因"))
}
