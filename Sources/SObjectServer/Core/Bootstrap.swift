import Foundation
import SObjectGenCore
import SObjectMetadata

/// The server's own tables, beside the generated ones: the metadata the database was made from
/// (to plan migrations), per-object auto-number counters, and facts such as when it was made.
enum ServerTables {
  static let metadata = "sobjectserver_metadata"
  static let autoNumbers = "sobjectserver_autonumbers"
  static let state = "sobjectserver_state"

  static func ddl(_ dialect: SQLDialect) -> [String] {
    let q = dialect.quoted
    return [
      "CREATE TABLE \(q(metadata)) (\"path\" TEXT NOT NULL PRIMARY KEY, \"contents\" TEXT NOT NULL)",
      "CREATE TABLE \(q(autoNumbers)) (\"name\" TEXT NOT NULL PRIMARY KEY, \"last\" BIGINT NOT NULL)",
      "CREATE TABLE \(q(state)) (\"key\" TEXT NOT NULL PRIMARY KEY, \"value\" TEXT NOT NULL)",
    ]
  }

  static func createdAt(_ store: any RecordStore) async throws -> Date {
    try await store.read { session in
      let sql = SQLText(dialect: session.dialect)
      let rows = try await session.query(
        "SELECT \"value\" FROM \(sql.q(state)) WHERE \"key\" = \(sql.placeholder(1, type: nil))", [.text("createdAt")],
        types: [.text(maxLength: nil)])
      guard case .text(let text)? = rows.first?.first, let seconds = Double(text) else {
        return Date(timeIntervalSince1970: 0)
      }
      return Date(timeIntervalSince1970: seconds)
    }
  }
}

/// What the start did to the database.
public enum BootstrapOutcome: Equatable, Sendable {
  case created
  case upToDate
  /// Migrated from older metadata; the statements run.
  case migrated(statements: Int)
}

public struct BootstrapError: Error, CustomStringConvertible {
  public var description: String
}

/// Makes the database match the metadata on start: a new database from the generated DDL, an
/// older one by the migration planner's statements (destructive ones only when allowed).
public enum Bootstrap {
  public static func prepare(
    store: any RecordStore, model: MetadataModel, files: [MetadataFile], userID: String, allowDestructive: Bool
  ) async throws -> BootstrapOutcome {
    let dialect = store.dialect
    let sql = SQLText(dialect: dialect)
    let exists = try await store.read { session in
      let statement: String
      switch dialect {
      case .sqlite: statement = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?"
      case .postgresql: statement = "SELECT table_name::text FROM information_schema.tables WHERE table_name::text = $1"
      }
      let rows = try await session.query(statement, [.text(ServerTables.metadata)], types: [.text(maxLength: nil)])
      return !rows.isEmpty
    }
    let outcome: BootstrapOutcome
    if !exists {
      try await store.runScript(SQLSchemaEmitter.ddl(for: model, dialect: dialect))
      try await store.write { session in
        for statement in ServerTables.ddl(dialect) { try await session.execute(statement, []) }
        try await session.execute(
          "INSERT INTO \(sql.q(ServerTables.state)) (\"key\", \"value\") VALUES (\(sql.placeholder(1, type: nil)), \(sql.placeholder(2, type: nil)))",
          [.text("createdAt"), .text(String(Date().timeIntervalSince1970))])
      }
      outcome = .created
    } else {
      let stored = try await store.read { session in
        try await session.query(
          "SELECT \"path\", \"contents\" FROM \(sql.q(ServerTables.metadata)) ORDER BY \"path\"", [],
          types: [.text(maxLength: nil), .text(maxLength: nil)])
      }
      let oldFiles = stored.compactMap { row -> MetadataFile? in
        guard case .text(let path) = row[0], case .text(let contents) = row[1] else { return nil }
        return MetadataFile(path: path, contents: contents)
      }
      let (oldModel, diagnostics) = MetadataLoader.load(files: oldFiles)
      guard let oldModel else {
        throw BootstrapError(
          description: "the metadata stored in the database no longer loads: "
            + diagnostics.map { "\($0)" }.joined(separator: "; "))
      }
      let migration = SQLMigrationPlanner.plan(from: oldModel, to: model, dialect: dialect)
      if migration.isEmpty {
        outcome = .upToDate
      } else {
        if !migration.destructiveChanges.isEmpty, !allowDestructive {
          throw BootstrapError(
            description: "the database was made from older metadata and bringing it up to date can lose data:\n"
              + migration.destructiveChanges.map { "  - \($0)" }.joined(separator: "\n")
              + "\nstart with --allow-destructive to apply these changes")
        }
        try await SearchIndex.drop(store: store, models: [oldModel, model])
        try await store.runScript(migration.script)
        outcome = .migrated(statements: SQLScript.statements(migration.script).count)
      }
    }
    // Remember the metadata the database now matches, and make sure the calling user exists.
    try await store.write { session in
      for statement in RecordService.deleteEffectsDDL(dialect) { try await session.execute(statement, []) }
      try await AutoNumbers.prepare(session, model: model)
      try await session.execute("DELETE FROM \(sql.q(ServerTables.metadata))", [])
      for file in files {
        try await session.execute(
          "INSERT INTO \(sql.q(ServerTables.metadata)) (\"path\", \"contents\") VALUES (\(sql.placeholder(1, type: nil)), \(sql.placeholder(2, type: nil)))",
          [.text(file.relativePath), .text(file.contents)])
      }
      if let user = model[objectNamed: "User"] {
        let found = try await session.query(
          "SELECT \(sql.q("Id")) FROM \(sql.q(user.name)) WHERE \(sql.q("Id")) = \(sql.placeholder(1, type: nil))",
          [.text(userID)], types: [.id])
        if found.isEmpty {
          let now = SQLValue.dateTime(Date())
          var columns: [(String, SQLColumnType, SQLValue)] = []
          for field in user.allFields {
            switch field.name {
            case "Id", "CreatedById", "LastModifiedById", "OwnerId":
              columns.append((field.name, field.sqlColumnType, .text(userID)))
            case "CreatedDate", "LastModifiedDate", "SystemModstamp":
              columns.append((field.name, field.sqlColumnType, now))
            case "IsDeleted": columns.append((field.name, field.sqlColumnType, .bool(false)))
            case "LastName", "Name": columns.append((field.name, field.sqlColumnType, .text("Integration User")))
            default:
              if !field.isNillable, field.defaultValue == nil {
                columns.append(
                  (field.name, field.sqlColumnType, field.type == .boolean ? .bool(false) : .text("Integration User")))
              }
            }
          }
          try await session.execute(
            sql.insert(table: user.name, columns: columns.map { (name: $0.0, type: $0.1) }), columns.map(\.2))
        }
      }
    }
    // SOSL's search DDL: made with a new database, remade after a migration or when it changed.
    if case .migrated = outcome {
      try await SearchIndex.ensure(store: store, model: model, force: true)
    } else {
      try await SearchIndex.ensure(store: store, model: model, force: false)
    }
    return outcome
  }

  /// The metadata folder's object files, as the loader reads them.
  public static func readFiles(directory: String) throws -> [MetadataFile] {
    try MetadataLoader.objectFilePaths(in: directory).map { path in
      let contents = try String(contentsOfFile: path, encoding: .utf8)
      return MetadataFile(path: path, contents: contents)
    }
  }
}
