import SObjectMetadata

/// The SQL that holds a derived-field rule: triggers (SQLite: AFTER triggers that update the row;
/// PostgreSQL: a BEFORE trigger whose PL/pgSQL function sets the field).
struct SQLTrigger: Hashable, Sendable {
  /// The trigger's name (in PostgreSQL also its function's).
  var name: String
  /// The statements that create it, each ending in `;`.
  var create: String
  /// The statements that remove it.
  var drop: String
}

enum SQLTriggers {
  static func triggers(for rule: SQLRule, dialect: SQLDialect) -> [SQLTrigger] {
    switch dialect {
    case .sqlite: return sqliteTriggers(for: rule)
    case .postgresql: return [postgresqlTrigger(for: rule)]
    }
  }

  // MARK: SQLite

  /// SQLite cannot assign to NEW, so each rule is an AFTER INSERT and an AFTER UPDATE trigger that
  /// update the row just written (recursive triggers are off by default, and the update touches
  /// only the derived column, which no rule's UPDATE OF list names).
  private static func sqliteTriggers(for sqlRule: SQLRule) -> [SQLTrigger] {
    let dialect = SQLDialect.sqlite
    let q = dialect.quoted
    let table = sqlRule.table
    let field = sqlRule.rule.field
    let condition: (_ onUpdate: Bool) -> String
    let value: String
    let updateColumns: [String]
    switch sqlRule.rule.computation {
    case .valueMap(let source, let mapping):
      let sources = mapping.map { dialect.literal($0.from) }.joined(separator: ", ")
      condition = { _ in "NEW.\(q(source)) IN (\(sources))" }
      value = caseExpression(on: "NEW.\(q(source))", mapping: mapping, dialect: dialect)
      updateColumns = [source]
    case .duration(let start, let end, let unit):
      condition = { _ in "NEW.\(q(start)) IS NOT NULL AND NEW.\(q(end)) IS NOT NULL" }
      // Whole milliseconds (julianday is a double), then an integer division, which truncates
      // toward zero as Swift and PostgreSQL do: 59.6 seconds are 0 minutes.
      let milliseconds =
        "CAST(round((julianday(NEW.\(q(end))) - julianday(NEW.\(q(start)))) * 86400000) AS INTEGER)"
      let amount = "\(milliseconds) / \(unit.seconds * 1000)"
      value = isText(sqlRule.targetType) ? "CAST(\(amount) AS TEXT)" : amount
      updateColumns = [start, end]
    case .currentTimeWhenTrue(let trigger):
      condition = { onUpdate in
        "NEW.\(q(trigger)) = 1 AND NEW.\(q(field)) IS NULL" + (onUpdate ? " AND OLD.\(q(trigger)) IS NOT 1" : "")
      }
      value = sqlRule.targetType == .date ? "date('now')" : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
      updateColumns = [trigger]
    }
    return [false, true].map { onUpdate in
      let name = SQLDialect.objectName(table, field, onUpdate ? "on_update" : "on_insert")
      let event = onUpdate ? "UPDATE OF \(updateColumns.map(q).joined(separator: ", "))" : "INSERT"
      let create = """
        CREATE TRIGGER \(q(name)) AFTER \(event) ON \(q(table))
        FOR EACH ROW WHEN \(condition(onUpdate))
        BEGIN
          UPDATE \(q(table)) SET \(q(field)) = \(value) WHERE "Id" = NEW."Id";
        END;
        """
      return SQLTrigger(name: name, create: create, drop: "DROP TRIGGER IF EXISTS \(q(name));")
    }
  }

  // MARK: PostgreSQL

  private static func postgresqlTrigger(for sqlRule: SQLRule) -> SQLTrigger {
    let dialect = SQLDialect.postgresql
    let q = dialect.quoted
    let table = sqlRule.table
    let field = sqlRule.rule.field
    let name = SQLDialect.objectName(table, field, "rule")
    let body: String
    let updateColumns: [String]
    switch sqlRule.rule.computation {
    case .valueMap(let source, let mapping):
      let sources = mapping.map { dialect.literal($0.from) }.joined(separator: ", ")
      body = """
          IF NEW.\(q(source)) IN (\(sources)) THEN
            NEW.\(q(field)) := \(caseExpression(on: "NEW.\(q(source))", mapping: mapping, dialect: dialect));
          END IF;
        """
      updateColumns = [source]
    case .duration(let start, let end, let unit):
      let amount = "trunc(extract(epoch FROM NEW.\(q(end)) - NEW.\(q(start))) / \(unit.seconds))::bigint"
      body = """
          IF NEW.\(q(start)) IS NOT NULL AND NEW.\(q(end)) IS NOT NULL THEN
            NEW.\(q(field)) := \(isText(sqlRule.targetType) ? "\(amount)::text" : amount);
          END IF;
        """
      updateColumns = [start, end]
    case .currentTimeWhenTrue(let trigger):
      let now = sqlRule.targetType == .date ? "CURRENT_DATE" : "CURRENT_TIMESTAMP"
      body = """
          IF NEW.\(q(trigger)) IS TRUE AND NEW.\(q(field)) IS NULL THEN
            IF TG_OP = 'INSERT' THEN
              NEW.\(q(field)) := \(now);
            ELSIF OLD.\(q(trigger)) IS NOT TRUE THEN
              NEW.\(q(field)) := \(now);
            END IF;
          END IF;
        """
      updateColumns = [trigger]
    }
    let function = "BEGIN\n\(body)\n  RETURN NEW;\nEND;"
    let tag = dollarQuoteTag(for: function)
    let create = """
      CREATE FUNCTION \(q(name))() RETURNS trigger LANGUAGE plpgsql AS \(tag)
      \(function)
      \(tag);
      CREATE TRIGGER \(q(name)) BEFORE INSERT OR UPDATE OF \(updateColumns.map(q).joined(separator: ", ")) ON \(q(table))
      FOR EACH ROW EXECUTE FUNCTION \(q(name))();
      """
    let drop = "DROP TRIGGER IF EXISTS \(q(name)) ON \(q(table));\nDROP FUNCTION IF EXISTS \(q(name))();"
    return SQLTrigger(name: name, create: create, drop: drop)
  }

  /// `$rule$`, or `$rule1$`, `$rule2$`… when the body holds it (a picklist value could).
  private static func dollarQuoteTag(for body: String) -> String {
    var tag = "$rule$"
    var number = 0
    while body.contains(tag) {
      number += 1
      tag = "$rule\(number)$"
    }
    return tag
  }

  private static func caseExpression(
    on source: String, mapping: [DerivedFieldRule.ValueMapping], dialect: SQLDialect
  ) -> String {
    let branches = mapping.map { "WHEN \(dialect.literal($0.from)) THEN \(dialect.literal($0.to))" }
    return "CASE \(source) \(branches.joined(separator: " ")) END"
  }

  private static func isText(_ type: SQLColumnType) -> Bool {
    if case .text = type { return true }
    return false
  }
}
