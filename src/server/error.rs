//! What can go wrong with a server, told so that a secretary knows what to do. Every
//! error leaves local work going on: the seat's journal is the first durable write, and
//! the server only ever gets copies of it.

use crate::i18n::{Lang, messages};

messages! {
    /// Why the server could not be used (or not for one seat).
    pub enum ServerError {
        /// The URL does not parse.
        BadUrl { why: String } =>
            "the server address is not valid ({why}); write it as postgresql://USER:PASSWORD@HOST/DATABASE",
            "服务器地址无效（{why}）；请写成 postgresql://用户:密码@主机/数据库";
        /// Unreachable, refused, cut off, timed out: worth trying again.
        Offline { server: String, why: String } =>
            "cannot reach the server {server} ({why}); working offline: everything is recorded here and is sent when the server is back",
            "无法连接服务器 {server}（{why}）；离线工作：一切照常记录在本机，服务器恢复后自动发送";
        /// The server refused the user name or password.
        Auth { server: String, why: String } =>
            "the server {server} refused the login ({why}); check the user name and password in the server address",
            "服务器 {server} 拒绝登录（{why}）；请检查服务器地址中的用户名和密码";
        /// No such database on the server.
        NoDatabase { server: String } =>
            "there is no such database on the server {server}; check the database name in the server address",
            "服务器 {server} 上没有该数据库；请检查服务器地址中的数据库名";
        /// The database has no huiwu tables.
        NoSchema { server: String } =>
            "the database {server} has no huiwu tables yet; run `huiwu server init URL` once (as the database's owner)",
            "数据库 {server} 中还没有 huiwu 的表；请（以数据库所有者身份）运行一次 `huiwu server init URL`";
        /// The tables were made by a newer huiwu.
        NewerSchema { server: String, found: i32, known: i32 } =>
            "the database {server} was set up by a newer huiwu (schema version {found}, this huiwu knows {known}); upgrade huiwu on this computer",
            "数据库 {server} 由较新版本的 huiwu 建立（结构版本 {found}，本机 huiwu 为 {known}）；请升级本机的 huiwu";
        /// The tables are older than this huiwu's: `server init` upgrades them.
        OlderSchema { server: String, found: i32, known: i32 } =>
            "the database {server} has huiwu schema version {found}, this huiwu needs {known}; run `huiwu server init URL` to upgrade it",
            "数据库 {server} 的 huiwu 结构版本为 {found}，本机 huiwu 需要 {known}；请运行 `huiwu server init URL` 升级";
        /// The meeting on the server was started with another agenda file.
        OtherAgenda { meeting: String, server_sha: String, local_sha: String } =>
            "meeting `{meeting}` on the server was started with another agenda file ({server_sha}), this computer has {local_sha}; give every computer the same agenda file",
            "服务器上的会议 `{meeting}` 使用的是另一份议程文件（{server_sha}），本机为 {local_sha}；请让每台电脑使用同一份议程文件";
        /// Two computers write as one seat.
        SeatClash { seat: String, seq: u64 } =>
            "seat `{seat}` event #{seq} on the server differs from this computer's: another computer writes as seat `{seat}`. This seat's events are kept here but not sent; give each computer its own --seat",
            "服务器上席位 `{seat}` 的第 {seq} 条与本机的不同：另一台电脑也以席位 `{seat}` 记录。本席位的记录保留在本机，但不发送；请为每台电脑设置不同的 --seat";
        /// The server's role may not do what huiwu needs.
        Denied { server: String, why: String } =>
            "the server {server} did not allow it ({why}); see docs/server.md for the rights a seat's role needs",
            "服务器 {server} 不允许此操作（{why}）；席位角色所需的权限见 docs/server.md";
        /// Anything else the server said.
        Server { server: String, why: String } =>
            "the server {server} reported an error: {why}",
            "服务器 {server} 报告错误：{why}";
        /// The local files (the pulled copies) could not be written or read.
        Local { why: String } =>
            "the server's events could not be kept on this computer: {why}",
            "无法在本机保存服务器的记录：{why}";
    }
}

impl std::error::Error for ServerError {}

impl ServerError {
    pub fn message(&self, lang: Lang) -> String {
        self.text(lang)
    }

    /// Whether trying again later may help by itself (the network, the server's restart),
    /// as against something a person must fix (a password, the schema, a seat name).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ServerError::Offline { .. } | ServerError::Server { .. }
        )
    }

    /// The error of a call to the server at `server` (shown without its password).
    pub fn from_pg(server: &str, e: &postgres::Error) -> ServerError {
        use postgres::error::SqlState;
        let server = server.to_string();
        let Some(db) = e.as_db_error() else {
            let why = e.to_string();
            // Said by the client before anything reached the server.
            if why.contains("password missing") || why.contains("authentication") {
                return ServerError::Auth { server, why };
            }
            return ServerError::Offline {
                server,
                why: short_cause(e),
            };
        };
        let why = db.message().to_string();
        let code = db.code();
        if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            ServerError::Auth { server, why }
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            ServerError::NoDatabase { server }
        } else if *code == SqlState::UNDEFINED_TABLE {
            ServerError::NoSchema { server }
        } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            ServerError::Denied { server, why }
        } else if code.code().starts_with("08")
            || code.code().starts_with("57")
            || *code == SqlState::T_R_SERIALIZATION_FAILURE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
        {
            // Connection exceptions, an administrator's shutdown or a killed backend, a
            // cancelled statement: the next connection may well work.
            ServerError::Offline { server, why }
        } else {
            ServerError::Server { server, why }
        }
    }
}

/// The innermost cause of a client error: "Connection refused (os error 111)" rather
/// than "error connecting to server: ...".
fn short_cause(e: &postgres::Error) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let text = cause.to_string();
    if text.is_empty() { e.to_string() } else { text }
}
