/// One table as a dialect writes it: the pieces both the DDL file and migrations are made of.
struct RenderedTable: Sendable {
  var name: String
  /// `-- ` lines with the object's description, written above CREATE TABLE (SQLite).
  var headerComment: [String]
  /// CREATE TABLE. SQLite holds every constraint in it (foreign keys cannot be added later);
  /// PostgreSQL's foreign keys are `foreignKeys`, added once every table exists.
  var create: String
  /// Column name → its definition after the name (`VARCHAR(18) NOT NULL`), in column order.
  var columns: [(name: String, column: SQLColumn)]
  /// Constraint name → clause after `CONSTRAINT "name"`, every constraint the dialect uses.
  var constraints: [(name: String, clause: String, isForeignKey: Bool)]
  /// Index name → CREATE INDEX statement.
  var indexes: [(name: String, create: String)]
  var triggers: [SQLTrigger]
  /// PostgreSQL's COMMENT ON statements: target (`TABLE "X"`, `COLUMN "X"."Y"`) → statement.
  var comments: [(target: String, statement: String)]
}

/// Turns the dialect-neutral schema into one dialect's SQL.
struct SQLSchemaRenderer {
  var dialect: SQLDialect

  func q(_ identifier: String) -> String { dialect.quoted(identifier) }

  func columnDefinition(_ column: SQLColumn) -> String {
    var text = dialect.typeName(column.type)
    if !column.isNullable { text += " NOT NULL" }
    if let value = column.defaultValue { text += " DEFAULT " + dialect.defaultExpression(value) }
    return text
  }

  /// The clause after `CONSTRAINT "name"`, or nil where the dialect needs no such constraint.
  func clause(_ rule: SQLConstraint.Rule) -> String? {
    switch (dialect, rule) {
    case (_, .primaryKey(let column)):
      return "PRIMARY KEY (\(q(column)))"
    case (_, .idLength(let column)):
      return "CHECK (\(dialect.idCheck(column)))"
    case (.sqlite, .maximumLength(let column, let length)):
      return "CHECK (\(dialect.lengthFunction(column)) <= \(length))"
    case (.sqlite, .booleanValue(let column)):
      return "CHECK (\(q(column)) IN (0, 1))"
    case (.sqlite, .isoDate(let column)):
      // date() with a modifier normalises (30 February becomes 1 March), so it gives back its input
      // only for a valid YYYY-MM-DD; NULL IS NULL holds.
      return "CHECK (date(\(q(column)), '+0 days') IS \(q(column)))"
    case (.sqlite, .isoDateTime(let column)):
      let pattern = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*"
      // The day checked on its own (julianday takes 30 February), the whole by julianday.
      let day =
        "date(substr(\(q(column)), 1, 10), '+0 days') IS substr(\(q(column)), 1, 10) AND julianday(\(q(column))) IS NOT NULL"
      return "CHECK (\(q(column)) IS NULL OR (\(q(column)) GLOB '\(pattern)' AND \(day)))"
    case (.sqlite, .isoTime(let column)):
      let pattern = "[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*"
      return "CHECK (\(q(column)) IS NULL OR (\(q(column)) GLOB '\(pattern)' AND time(\(q(column))) IS NOT NULL))"
    case (.postgresql, .maximumLength), (.postgresql, .booleanValue), (.postgresql, .isoDate),
      (.postgresql, .isoDateTime), (.postgresql, .isoTime):
      return nil
    case (_, .allowedValues(let column, let values)):
      return "CHECK (\(q(column)) IN (\(values.map(dialect.literal).joined(separator: ", "))))"
    case (_, .allowedMultipleValues(let column, let values)):
      return "CHECK (\(dialect.everyValueListed(column, values)))"
    case (_, .wholeDigits(let column, let digits, let isInteger)):
      let bound = isInteger ? String(repeating: "9", count: digits) : "1" + String(repeating: "0", count: digits)
      return "CHECK (abs(\(q(column))) \(isInteger ? "<=" : "<") \(bound))"
    case (_, .crossField(let rule)):
      switch rule.kind {
      case .atLeastOneOf:
        return "CHECK (" + rule.fields.map { "\(q($0)) IS NOT NULL" }.joined(separator: " OR ") + ")"
      }
    case (_, .keyPrefix(let column, let prefixes)):
      return "CHECK (substr(\(q(column)), 1, 3) IN (\(prefixes.map(dialect.literal).joined(separator: ", "))))"
    case (_, .foreignKey(let column, let table, let onDelete)):
      let action = onDelete == .noAction ? "" : " ON DELETE \(onDelete.rawValue)"
      return "FOREIGN KEY (\(q(column))) REFERENCES \(q(table)) (\(q("Id")))\(action) DEFERRABLE INITIALLY DEFERRED"
    }
  }

  func render(_ table: SQLTable) -> RenderedTable {
    let constraints = table.constraints.compactMap { constraint in
      clause(constraint.rule).map { (name: constraint.name, clause: $0, isForeignKey: constraint.isForeignKey) }
    }
    let indexes = table.indexes.map { index in
      var key = q(index.column)
      if index.ignoresCase { key = dialect == .sqlite ? "\(key) COLLATE NOCASE" : "lower(\(key))" }
      return (
        name: index.name,
        create: "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(q(index.name)) ON \(q(table.name)) (\(key));"
      )
    }
    var comments: [(target: String, statement: String)] = []
    if dialect == .postgresql {
      comments.append(commentStatement(target: "TABLE \(q(table.name))", text: table.comment))
      for column in table.columns {
        comments.append(commentStatement(target: "COLUMN \(q(table.name)).\(q(column.name))", text: column.comment))
      }
    }
    return RenderedTable(
      name: table.name, headerComment: dialect == .sqlite ? dialect.commentLines(table.comment) : [],
      create: createTable(table, constraints: constraints, as: table.name),
      columns: table.columns.map { (name: $0.name, column: $0) }, constraints: constraints, indexes: indexes,
      triggers: table.rules.flatMap { SQLTriggers.triggers(for: $0, dialect: dialect) }, comments: comments)
  }

  func commentStatement(target: String, text: String) -> (target: String, statement: String) {
    (target: target, statement: "COMMENT ON \(target) IS \(dialect.literal(text));")
  }

  /// CREATE TABLE under `name` (a migration builds the new table under a temporary name).
  func createTable(
    _ table: SQLTable, constraints: [(name: String, clause: String, isForeignKey: Bool)], as name: String
  ) -> String {
    var lines: [String] = []
    for column in table.columns {
      if dialect == .sqlite { lines += dialect.commentLines(column.comment, indent: "  ") }
      lines.append("  \(q(column.name)) \(columnDefinition(column)),")
    }
    let inline = constraints.filter { dialect == .sqlite || !$0.isForeignKey }
    for (offset, constraint) in inline.enumerated() {
      lines.append("  CONSTRAINT \(q(constraint.name)) \(constraint.clause)\(offset == inline.count - 1 ? "" : ",")")
    }
    let options = dialect == .sqlite ? " STRICT" : ""
    return "CREATE TABLE \(q(name)) (\n" + lines.joined(separator: "\n") + "\n)\(options);"
  }

  /// `ALTER TABLE … ADD CONSTRAINT …` (PostgreSQL).
  func addConstraint(table: String, name: String, clause: String) -> String {
    "ALTER TABLE \(q(table)) ADD CONSTRAINT \(q(name)) \(clause);"
  }
}
