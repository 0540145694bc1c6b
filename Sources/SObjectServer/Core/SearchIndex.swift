import Foundation
import SObjectGenCore
import SObjectMetadata
import SObjectQuery

/// SOSL's full-text search DDL (`QueryEngineDDL`: SQLite FTS5 tables and their triggers,
/// PostgreSQL GIN indexes), kept in step with the tables on every start. The DDL last run is
/// remembered in `sobjectserver_state`; when it differs (a new database, a database made before
/// search existed, new metadata), it is dropped and made again, which indexes the rows already there.
enum SearchIndex {
  static let stateKey = "searchDDL"

  /// Run before a migration's statements: a SQLite table rebuild would drop the triggers.
  static func drop(store: any RecordStore, models: [MetadataModel]) async throws {
    let drops = models.map { QueryEngineDDL.dropSearchDDL(for: $0, dialect: store.dialect) }
    try await store.runScript("BEGIN;\n" + drops.joined() + "COMMIT;\n")
  }

  /// Makes the search DDL unless the database already has this very DDL (and `force` is false).
  static func ensure(store: any RecordStore, model: MetadataModel, force: Bool) async throws {
    let dialect = store.dialect
    let ddl = QueryEngineDDL.searchDDL(for: model, dialect: dialect)
    let sql = SQLText(dialect: dialect)
    let key = sql.placeholder(1, type: nil)
    if !force {
      let stored = try await store.read { session in
        try await session.query(
          "SELECT \"value\" FROM \(sql.q(ServerTables.state)) WHERE \"key\" = \(key)", [.text(stateKey)],
          types: [.text(maxLength: nil)])
      }
      if stored.first?.first == .text(ddl) { return }
    }
    try await store.runScript(
      "BEGIN;\n" + QueryEngineDDL.dropSearchDDL(for: model, dialect: dialect) + ddl + "COMMIT;\n")
    try await store.write { session in
      try await session.execute("DELETE FROM \(sql.q(ServerTables.state)) WHERE \"key\" = \(key)", [.text(stateKey)])
      let value = sql.placeholder(2, type: nil)
      try await session.execute(
        "INSERT INTO \(sql.q(ServerTables.state)) (\"key\", \"value\") VALUES (\(key), \(value))",
        [.text(stateKey), .text(ddl)])
    }
  }
}
