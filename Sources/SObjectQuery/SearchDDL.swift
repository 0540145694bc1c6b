import SObjectGenCore
import SObjectMetadata

/// What SOSL searches in each object, and the DDL that keeps it searchable.
///
/// - SQLite: an FTS5 table per searchable object, `<Object>_search`, with the object's table as its
///   external content (`content_rowid` is the table's rowid), kept current by AFTER INSERT, UPDATE
///   and DELETE triggers (the UPDATE trigger only for updates that set a searched column: the rule
///   triggers' updates of derived fields such as `MappedState` do not index the row again); the
///   script ends with a `rebuild`, so that it can also run on a database that already holds rows.
///   After a `VACUUM` (which may renumber rowids) run
///   `INSERT INTO "<Object>_search"("<Object>_search") VALUES ('rebuild');` for each object.
/// - PostgreSQL: a GIN expression index per searchable object, `<Object>_search_idx`, over the
///   same text the queries search (`SearchDocument.postgresqlDocument`); PostgreSQL keeps it current.
public enum QueryEngineDDL {
  /// Removes what `searchDDL` made (IF EXISTS, so it runs on any database): run it before a
  /// migration of the tables, and `searchDDL` after it.
  public static func dropSearchDDL(for model: MetadataModel, dialect: SQLDialect) -> String {
    var lines: [String] = []
    for object in model.objects {
      let q = dialect.quoted
      switch dialect {
      case .sqlite:
        lines += ["search_insert", "search_update", "search_delete"].map {
          "DROP TRIGGER IF EXISTS \(q(SQLDialect.objectName(object.name, $0)));"
        }
        lines.append("DROP TABLE IF EXISTS \(q(SearchDocument.ftsTable(object)));")
      case .postgresql:
        lines.append("DROP INDEX IF EXISTS \(q(SQLDialect.objectName(object.name, "search_idx")));")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Run after `SQLSchemaEmitter.ddl(for:dialect:)` (the tables must exist), in the same
  /// transaction; for every object that supports `search` and has text fields.
  public static func searchDDL(for model: MetadataModel, dialect: SQLDialect) -> String {
    var lines: [String] = ["-- SOSL: full-text search of the searchable objects (SObjectQuery)."]
    for object in model.objects where object.supports(.search) {
      let fields = SearchDocument.searchableFields(of: object, version: nil)
      guard !fields.isEmpty else { continue }
      let q = dialect.quoted
      let table = q(object.name)
      let columns = fields.map { q($0.name) }
      switch dialect {
      case .sqlite:
        let fts = q(SearchDocument.ftsTable(object))
        let columnList = columns.joined(separator: ", ")
        let new = columns.map { "NEW.\($0)" }.joined(separator: ", ")
        let old = columns.map { "OLD.\($0)" }.joined(separator: ", ")
        lines += [
          "CREATE VIRTUAL TABLE \(fts) USING fts5(\(columnList), content=\(dialect.literal(object.name)), content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');",
          "CREATE TRIGGER \(q(SQLDialect.objectName(object.name, "search_insert"))) AFTER INSERT ON \(table) BEGIN INSERT INTO \(fts)(rowid, \(columnList)) VALUES (NEW.rowid, \(new)); END;",
          "CREATE TRIGGER \(q(SQLDialect.objectName(object.name, "search_update"))) AFTER UPDATE OF \(columnList) ON \(table) BEGIN INSERT INTO \(fts)(\(fts), rowid, \(columnList)) VALUES ('delete', OLD.rowid, \(old)); INSERT INTO \(fts)(rowid, \(columnList)) VALUES (NEW.rowid, \(new)); END;",
          "CREATE TRIGGER \(q(SQLDialect.objectName(object.name, "search_delete"))) AFTER DELETE ON \(table) BEGIN INSERT INTO \(fts)(\(fts), rowid, \(columnList)) VALUES ('delete', OLD.rowid, \(old)); END;",
          "INSERT INTO \(fts)(\(fts)) VALUES ('rebuild');",
        ]
      case .postgresql:
        lines.append(
          "CREATE INDEX \(q(SQLDialect.objectName(object.name, "search_idx"))) ON \(table) USING GIN (\(SearchDocument.postgresqlVector(fields.map { q($0.name) })));"
        )
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// The text SOSL searches in an object.
enum SearchDocument {
  static func ftsTable(_ object: SObjectDefinition) -> String { object.name + "_search" }

  /// The fields of ALL FIELDS: every text field (Id and references excluded), in file order.
  static func searchableFields(of object: SObjectDefinition, version: APIVersion?) -> [FieldDefinition] {
    object.allFields.filter { field in
      [.string, .textarea, .email, .phone, .url, .combobox].contains(field.type)
        && (version.map { field.isAvailable(in: $0) } ?? true)
    }
  }

  /// The fields of a search group.
  static func fields(of object: SObjectDefinition, group: SOSLSyntax.FieldGroup, version: APIVersion)
    -> [FieldDefinition]
  {
    let all = searchableFields(of: object, version: version)
    switch group {
    case .all: return all
    case .name: return all.filter { $0.isNameField || $0.name == "Name" }
    case .email: return all.filter { $0.type == .email }
    case .phone: return all.filter { $0.type == .phone }
    }
  }

  /// PostgreSQL: the columns' text lower-cased, every run of other characters a space (as
  /// SQLite's unicode61 tokenizer splits), as a tsvector of the `simple` configuration.
  static func postgresqlVector(_ columns: [String]) -> String {
    let text = columns.map { "coalesce(\($0), '')" }.joined(separator: " || ' ' || ")
    return "to_tsvector('simple'::regconfig, regexp_replace(lower(\(text)), '[^[:alnum:]]+', ' ', 'g'))"
  }
}
