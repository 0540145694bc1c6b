import SObjectGenCore
import SObjectMetadata

/// A statement and the values bound to its parameters, in order: `?1, ?2, …` for SQLite, `$1, $2,
/// …` for PostgreSQL. No value of the query is ever part of `sql`.
public struct SQLStatement: Sendable, Hashable, CustomStringConvertible {
  public var sql: String
  public var parameters: [SQLValue]
  public var description: String { sql + " -- " + parameters.map(\.description).joined(separator: ", ") }
}

/// Writes SQL for one dialect, collecting the parameters as it goes.
struct SQLWriter {
  let dialect: SQLDialect
  var parameters: [SQLValue] = []
  var aliasCounter = 0

  init(dialect: SQLDialect) { self.dialect = dialect }

  func q(_ identifier: String) -> String { dialect.quoted(identifier) }

  /// A placeholder for `value`, cast in PostgreSQL to the type it is compared with, so that a
  /// driver may send every parameter as text.
  mutating func bind(_ value: SQLValue, _ kind: ValueKind?) -> String {
    var value = value
    if dialect == .sqlite, case .boolean(let flag) = value { value = .integer(flag ? 1 : 0) }
    parameters.append(value)
    let number = parameters.count
    switch dialect {
    case .sqlite: return "?\(number)"
    case .postgresql:
      let type: String
      switch kind {
      case .boolean?: type = "boolean"
      case .integer?:
        if case .real = value { type = "numeric" } else { type = "bigint" }
      case .decimal?: type = "numeric"
      case .date?: type = "date"
      case .datetime?: type = "timestamptz"
      case .time?: type = "time"
      default: type = "text"
      }
      return "CAST($\(number) AS \(type))"
    }
  }
}

/// The third stage: a `TypedQuery` → SQL for a dialect. Tables and columns are those of the
/// generated DDL (`Sources/SObjectGenCore/SQL/`), quoted by `SQLDialect.quoted`.
struct QueryCompiler {
  var writer: SQLWriter
  /// The table alias of each join of the query being written.
  var aliases: [String] = []

  init(dialect: SQLDialect) { writer = SQLWriter(dialect: dialect) }

  var dialect: SQLDialect { writer.dialect }

  mutating func newAliases(for query: TypedQuery) -> [String] {
    writer.aliasCounter += 1
    let prefix = writer.aliasCounter == 1 ? "t" : "t\(writer.aliasCounter)_"
    return query.joins.indices.map { "\(prefix)\($0)" }
  }

  // MARK: expressions

  func column(_ reference: ColumnReference) -> String {
    "\(aliases[reference.join]).\(writer.q(reference.field.name))"
  }

  /// The value of an expression as stored.
  func raw(_ expression: TypedExpression) -> String {
    switch expression {
    case .field(let candidates):
      if candidates.count == 1 { return column(candidates[0]) }
      return "COALESCE(" + candidates.map(column).joined(separator: ", ") + ")"
    case .aggregate(let function, let argument):
      let inner = argument.map(raw) ?? "*"
      switch function {
      case .count: return "COUNT(\(inner))"
      case .countDistinct: return "COUNT(DISTINCT \(inner))"
      case .sum: return "SUM(\(inner))"
      case .avg: return "AVG(\(inner))"
      case .min: return "MIN(\(inner))"
      case .max: return "MAX(\(inner))"
      }
    case .dateFunction(let function, let argument):
      return dateFunction(function, raw(argument), isDateTime: argument.fieldType == .datetime)
    }
  }

  /// A date function in SQL, of the value in UTC.
  func dateFunction(_ function: DateFunction, _ value: String, isDateTime: Bool) -> String {
    switch dialect {
    case .sqlite:
      func part(_ format: String) -> String { "CAST(strftime('\(format)', \(value)) AS INTEGER)" }
      switch function {
      case .calendarYear, .fiscalYear: return part("%Y")
      case .calendarMonth, .fiscalMonth: return part("%m")
      case .calendarQuarter, .fiscalQuarter: return "((\(part("%m")) + 2) / 3)"
      case .dayInMonth: return part("%d")
      case .dayInWeek: return "(\(part("%w")) + 1)"
      case .dayInYear: return part("%j")
      case .hourInDay: return part("%H")
      case .weekInMonth: return "((\(part("%d")) - 1) / 7 + 1)"
      case .weekInYear: return "((\(part("%j")) - 1) / 7 + 1)"
      case .dayOnly: return "date(\(value))"
      }
    case .postgresql:
      let utc = isDateTime ? "(\(value) AT TIME ZONE 'UTC')" : value
      func part(_ field: String) -> String { "CAST(EXTRACT(\(field) FROM \(utc)) AS integer)" }
      switch function {
      case .calendarYear, .fiscalYear: return part("YEAR")
      case .calendarMonth, .fiscalMonth: return part("MONTH")
      case .calendarQuarter, .fiscalQuarter: return part("QUARTER")
      case .dayInMonth: return part("DAY")
      case .dayInWeek: return "(\(part("DOW")) + 1)"
      case .dayInYear: return part("DOY")
      case .hourInDay: return part("HOUR")
      case .weekInMonth: return "((\(part("DAY")) - 1) / 7 + 1)"
      case .weekInYear: return "((\(part("DOY")) - 1) / 7 + 1)"
      case .dayOnly: return "CAST(\(utc) AS date)"
      }
    }
  }

  /// A datetime as canonical text: `2024-05-01T09:30:00.000Z`.
  func canonicalDateTime(_ sql: String) -> String {
    switch dialect {
    case .sqlite: return "strftime('%Y-%m-%dT%H:%M:%fZ', \(sql))"
    case .postgresql: return "to_char((\(sql)) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
    }
  }

  /// The value as the result rows carry it: datetimes as canonical text, dates and times as text,
  /// decimals as double precision, binaries as their length (the record gets a URL).
  func output(_ expression: TypedExpression) -> String {
    let sql = raw(expression)
    let kind = expression.fieldType.map(ValueKind.init)
    if case .aggregate(let function, _) = expression, function == .count || function == .countDistinct {
      return sql
    }
    if case .dateFunction(let function, _) = expression, function != .dayOnly { return sql }
    if case .aggregate(.avg, _) = expression {
      return dialect == .postgresql ? "CAST(\(sql) AS double precision)" : sql
    }
    switch (dialect, kind) {
    case (_, .datetime?): return canonicalDateTime(sql)
    case (.postgresql, .date?), (.postgresql, .time?): return "CAST(\(sql) AS text)"
    case (.postgresql, .decimal?): return "CAST(\(sql) AS double precision)"
    case (.sqlite, .binary?): return "length(\(sql))"
    case (.postgresql, .binary?): return "octet_length(\(sql))"
    default: return sql
    }
  }

  // MARK: conditions

  /// A condition; `negated` when an odd number of NOTs encloses it, so that comparisons with NULL
  /// count as false, never unknown (SOQL's two-valued logic).
  mutating func condition(_ condition: TypedCondition, negated: Bool = false) -> String {
    switch condition {
    case .and(let terms):
      return "(" + terms.map { self.condition($0, negated: negated) }.joined(separator: " AND ") + ")"
    case .or(let terms): return "(" + terms.map { self.condition($0, negated: negated) }.joined(separator: " OR ") + ")"
    case .not(let inner): return "NOT " + self.condition(inner, negated: !negated)
    default:
      let sql = atom(condition)
      return negated ? "COALESCE(\(sql), FALSE)" : sql
    }
  }

  func isText(_ kind: ValueKind) -> Bool { kind == .text || kind == .multiPicklist }

  /// `left op right`, case-insensitive for text as SOQL compares.
  func compare(_ left: String, _ op: String, _ right: String, _ kind: ValueKind) -> String {
    if isText(kind) {
      switch dialect {
      case .sqlite: return "\(left) \(op) \(right) COLLATE NOCASE"
      case .postgresql: return "lower(\(left)) \(op) lower(\(right))"
      }
    }
    if kind == .datetime, dialect == .sqlite { return "\(canonicalDateTime(left)) \(op) \(right)" }
    return "\(left) \(op) \(right)"
  }

  mutating func atom(_ condition: TypedCondition) -> String {
    switch condition {
    case .isNull(let expression, let isNull):
      return "\(raw(expression)) IS \(isNull ? "" : "NOT ")NULL"
    case .compare(let expression, .like, let value, _):
      let left = raw(expression)
      let pattern = writer.bind(value, .text)
      switch dialect {
      case .sqlite: return "\(left) LIKE \(pattern) ESCAPE '\\'"
      case .postgresql: return "\(left) ILIKE \(pattern) ESCAPE '\\'"
      }
    case .compare(let expression, let op, let value, let kind):
      let left = raw(expression)
      let right = writer.bind(value, kind)
      if op == .notEqual { return "(\(left) IS NULL OR \(compare(left, "<>", right, kind)))" }
      return compare(left, op.rawValue, right, kind)
    case .range(let expression, let op, let start, let end, let kind):
      let left = raw(expression)
      switch op {
      case .equal:
        let s = writer.bind(start, kind)
        let e = writer.bind(end, kind)
        return "(\(compare(left, ">=", s, kind)) AND \(compare(left, "<", e, kind)))"
      case .notEqual:
        let s = writer.bind(start, kind)
        let e = writer.bind(end, kind)
        return "(\(left) IS NULL OR \(compare(left, "<", s, kind)) OR \(compare(left, ">=", e, kind)))"
      case .less: return compare(left, "<", writer.bind(start, kind), kind)
      case .lessOrEqual: return compare(left, "<", writer.bind(end, kind), kind)
      case .greater: return compare(left, ">=", writer.bind(end, kind), kind)
      case .greaterOrEqual: return compare(left, ">=", writer.bind(start, kind), kind)
      case .like: return "FALSE"
      }
    case .inList(let expression, let negated, let values, let kind):
      var left = raw(expression)
      let hasNull = values.contains(.null)
      var placeholders = values.filter { $0 != .null }.map { writer.bind($0, kind) }
      if isText(kind) {
        switch dialect {
        case .sqlite: left = "\(left) COLLATE NOCASE"
        case .postgresql:
          left = "lower(\(left))"
          placeholders = placeholders.map { "lower(\($0))" }
        }
      } else if kind == .datetime, dialect == .sqlite {
        left = canonicalDateTime(left)
      }
      let list =
        placeholders.isEmpty ? nil : "\(left) \(negated ? "NOT IN" : "IN") (\(placeholders.joined(separator: ", ")))"
      let raw = raw(expression)
      switch (negated, hasNull, list) {
      case (false, false, let list?): return list
      case (false, true, let list?): return "(\(list) OR \(raw) IS NULL)"
      case (false, true, nil): return "\(raw) IS NULL"
      case (true, false, let list?): return "(\(raw) IS NULL OR \(list))"
      case (true, true, let list?): return "(\(raw) IS NOT NULL AND \(list))"
      case (true, true, nil): return "\(raw) IS NOT NULL"
      default: return "FALSE"
      }
    case .inSubquery(let expression, let negated, let query):
      let left = raw(expression)
      let saved = aliases
      aliases = newAliases(for: query)
      let column: String
      // The one selected field (column 0 is the record's own Id, kept for the record's url).
      if case .value(_, let index, _)? = query.shape.entries.first, case .field(let candidates) = query.columns[index] {
        column = self.column(candidates[0])
      } else {
        column = "NULL"
      }
      let from = fromClause(query)
      var conditions = whereConditions(query)
      if negated { conditions.append("\(column) IS NOT NULL") }
      let sub =
        "SELECT \(column) FROM \(from)" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
      aliases = saved
      return negated ? "(\(left) IS NULL OR \(left) NOT IN (\(sub)))" : "\(left) IN (\(sub))"
    case .includes(let expression, let negated, let sets):
      let left = raw(expression)
      let wrapped = "';' || lower(\(left)) || ';'"
      let anySet = sets.map { set -> String in
        let items = set.map { item -> String in
          let p = writer.bind(.text(";" + item.lowercased() + ";"), .text)
          switch dialect {
          case .sqlite: return "instr(\(wrapped), \(p)) > 0"
          case .postgresql: return "strpos(\(wrapped), \(p)) > 0"
          }
        }
        return "(" + items.joined(separator: " AND ") + ")"
      }.joined(separator: " OR ")
      return negated ? "(\(left) IS NULL OR NOT (\(anySet)))" : "(\(left) IS NOT NULL AND (\(anySet)))"
    case .search(let match):
      return search(match)
    case .and, .or, .not:
      return self.condition(condition)
    }
  }

  // MARK: clauses

  /// FROM with a LEFT JOIN per parent relationship; a polymorphic one also on the key prefix.
  mutating func fromClause(_ query: TypedQuery) -> String {
    var sql = "\(writer.q(query.object.name)) AS \(aliases[0])"
    for (index, join) in query.joins.enumerated() where index > 0 {
      let parentColumn = "\(aliases[join.parent!]).\(writer.q(join.field!.name))"
      sql +=
        " LEFT JOIN \(writer.q(join.object.name)) AS \(aliases[index]) ON \(aliases[index]).\(writer.q("Id")) = \(parentColumn)"
      if let prefix = join.keyPrefix {
        sql += " AND substr(\(parentColumn), 1, 3) = \(writer.bind(.text(prefix), .text))"
      }
    }
    return sql
  }

  mutating func whereConditions(_ query: TypedQuery) -> [String] {
    var conditions: [String] = []
    if !query.includesDeleted { conditions.append("\(aliases[0]).\(writer.q("IsDeleted")) = FALSE") }
    if let filter = query.filter { conditions.append(condition(filter)) }
    return conditions
  }

  func orderTerm(_ order: TypedOrder) -> String {
    var sql = raw(order.expression)
    if let kind = order.expression.fieldType.map(ValueKind.init), isText(kind), case .field = order.expression {
      sql = dialect == .sqlite ? "\(sql) COLLATE NOCASE" : "lower(\(sql))"
    }
    return "\(sql) \(order.ascending ? "ASC" : "DESC") NULLS \(order.nullsFirst ? "FIRST" : "LAST")"
  }

  /// The query's SELECT, with `limit` and `offset` (already merged with the query's own).
  mutating func select(
    _ query: TypedQuery, limit: Int?, offset: Int?, extraCondition: ((inout QueryCompiler) -> String)? = nil
  )
    -> String
  {
    aliases = newAliases(for: query)
    let columns = query.columns.enumerated().map { "\(output($0.element)) AS c\($0.offset)" }
    var sql = "SELECT " + (columns.isEmpty ? "COUNT(*) AS c0" : columns.joined(separator: ", "))
    sql += " FROM " + fromClause(query)
    var conditions = whereConditions(query)
    if let extraCondition { conditions.append(extraCondition(&self)) }
    if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
    if !query.groupBy.isEmpty { sql += " GROUP BY " + query.groupBy.map(raw).joined(separator: ", ") }
    if let having = query.having { sql += " HAVING " + condition(having) }
    if !query.orderBy.isEmpty { sql += " ORDER BY " + query.orderBy.map(orderTerm).joined(separator: ", ") }
    if let limit { sql += " LIMIT " + writer.bind(.integer(Int64(limit)), .integer) }
    if let offset, offset > 0 {
      if limit == nil, dialect == .sqlite { sql += " LIMIT -1" }
      sql += " OFFSET " + writer.bind(.integer(Int64(offset)), .integer)
    }
    return sql
  }
}

extension QueryCompiler {
  /// SOSL's match: the full-text index for whole words and trailing `*`, LIKE for `?` and inner `*`.
  mutating func search(_ match: SearchMatch) -> String {
    guard !match.fields.isEmpty else { return "FALSE" }
    let groups = match.terms.map { search(match, terms: $0) }
    return groups.count == 1 ? groups[0] : "(" + groups.joined(separator: " OR ") + ")"
  }

  mutating func search(_ match: SearchMatch, terms: [SearchTerm]) -> String {
    var conditions: [String] = []
    var ftsTerms: [String] = []
    var likeWords: [String] = []
    for term in terms {
      let usable = term.words.allSatisfy { word in
        !word.contains("?") && !word.dropLast().contains("*")
      }
      if !usable {
        likeWords += term.words
        continue
      }
      switch dialect {
      case .sqlite:
        let words = term.words.map { word -> String in
          let prefix = word.hasSuffix("*")
          let bare = word.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "\"", with: "\"\"")
          return "\"\(bare)\"" + (prefix ? "*" : "")
        }
        ftsTerms.append(words.joined(separator: term.isPhrase ? " + " : " "))
      case .postgresql:
        let words = term.words.map { word -> String in
          let bare = word.lowercased().filter { $0.isLetter || $0.isNumber }
          return word.hasSuffix("*") ? "\(bare):*" : bare
        }
        ftsTerms.append("(" + words.joined(separator: term.isPhrase ? " <-> " : " & ") + ")")
      }
    }
    let columns = match.fields.map { "\(aliases[0]).\(writer.q($0.name))" }
    if !ftsTerms.isEmpty {
      switch dialect {
      case .sqlite:
        let fts = writer.q(SearchDocument.ftsTable(match.object))
        let filter =
          "{" + match.fields.map { writer.q($0.name) }.joined(separator: " ") + "} : ("
          + ftsTerms.joined(separator: " AND ") + ")"
        conditions.append(
          "\(aliases[0]).rowid IN (SELECT rowid FROM \(fts) WHERE \(fts) MATCH \(writer.bind(.text(filter), .text)))")
      case .postgresql:
        let query = ftsTerms.joined(separator: " & ")
        conditions.append(
          "\(SearchDocument.postgresqlVector(columns)) @@ to_tsquery('simple'::regconfig, \(writer.bind(.text(query), .text)))"
        )
      }
    }
    let document = columns.map { "coalesce(\($0), '')" }.joined(separator: " || ' ' || ")
    for word in likeWords {
      let pattern =
        "%"
        + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
        .replacingOccurrences(of: "_", with: "\\_").replacingOccurrences(of: "?", with: "_")
        .replacingOccurrences(of: "*", with: "%") + "%"
      let bound = writer.bind(.text(pattern), .text)
      conditions.append(
        dialect == .sqlite ? "(\(document)) LIKE \(bound) ESCAPE '\\'" : "(\(document)) ILIKE \(bound) ESCAPE '\\'")
    }
    return conditions.isEmpty ? "FALSE" : "(" + conditions.joined(separator: " AND ") + ")"
  }
}
