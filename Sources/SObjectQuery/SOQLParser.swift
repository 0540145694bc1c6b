/// Reads SOQL text into a `SOQLSyntax`, keywords and names without regard to case. Every error is
/// MALFORMED_QUERY with the offset of the token that could not be read.
public struct SOQLParser {
  var tokens: [Token]
  var index = 0
  var depth = 0
  var conditionCount = 0
  let limits: QueryLimits

  /// Words that end a select list item or cannot be an alias.
  static let reserved: Set<String> = [
    "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "AND", "OR", "NOT",
    "IN", "INCLUDES", "EXCLUDES", "LIKE", "ASC", "DESC", "NULLS", "FIRST", "LAST", "NULL", "TRUE", "FALSE",
    "TYPEOF", "WHEN", "THEN", "ELSE", "END", "WITH", "FOR", "USING", "ROLLUP", "CUBE",
  ]

  init(tokens: [Token], limits: QueryLimits) {
    self.tokens = tokens
    self.limits = limits
  }

  /// Parses a whole query; the error, when there is one, is located in `text`.
  public static func parse(_ text: String, limits: QueryLimits = QueryLimits()) throws -> SOQLSyntax {
    do {
      var parser = SOQLParser(tokens: try Lexer.tokens(text, limits: limits), limits: limits)
      let query = try parser.query()
      guard parser.current.kind == .end else { throw parser.unexpected() }
      return query
    } catch let error as QueryError {
      throw error.located(in: text)
    } catch {
      throw QueryError.malformed("\(error)", at: nil)
    }
  }

  var current: Token { tokens[index] }

  /// `ORDER BY item, …`, each `field [ASC|DESC] [NULLS FIRST|LAST]`: of a SOQL query, and of a SOSL
  /// RETURNING object. The parser stands on `ORDER`.
  mutating func orderBy() throws -> [OrderItem] {
    _ = advance()
    _ = try expectKeyword("BY")
    var items: [OrderItem] = []
    repeat {
      let operand = try operand()
      var item = OrderItem(operand: operand, ascending: true, nullsFirst: nil)
      if isKeyword("ASC") {
        _ = advance()
      } else if isKeyword("DESC") {
        _ = advance()
        item.ascending = false
      }
      if isKeyword("NULLS") {
        _ = advance()
        guard isKeyword("FIRST") || isKeyword("LAST") else { throw unexpected() }
        item.nullsFirst = advance().keyword == "FIRST"
      }
      items.append(item)
    } while isSymbol(",") && advance().offset >= 0
    return items
  }

  func unexpected(_ token: Token? = nil) -> QueryError {
    let token = token ?? current
    return QueryError.malformed(
      "unexpected token: \(token.kind == .end ? "<EOF>" : "'\(token.display)'")", at: token.offset)
  }

  mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  func isKeyword(_ word: String, ahead: Int = 0) -> Bool {
    index + ahead < tokens.count && tokens[index + ahead].keyword == word
  }

  func isSymbol(_ symbol: String, ahead: Int = 0) -> Bool {
    index + ahead < tokens.count && tokens[index + ahead].kind == .symbol(symbol)
  }

  mutating func expectKeyword(_ word: String) throws -> Token {
    guard isKeyword(word) else { throw unexpected() }
    return advance()
  }

  mutating func expectSymbol(_ symbol: String) throws -> Token {
    guard isSymbol(symbol) else { throw unexpected() }
    return advance()
  }

  mutating func name() throws -> Name {
    guard case .word(let text) = current.kind else { throw unexpected() }
    return Name(text: text, offset: advance().offset)
  }

  mutating func enter() throws {
    depth += 1
    if depth > limits.maximumDepth {
      throw QueryError.malformed(
        "Query is nested too deeply (more than \(limits.maximumDepth) levels)", at: current.offset)
    }
  }

  mutating func query() throws -> SOQLSyntax {
    try enter()
    defer { depth -= 1 }
    let start = try expectKeyword("SELECT")
    var select: [SelectItem] = []
    repeat {
      select.append(try selectItem())
    } while isSymbol(",") && advance().offset >= 0
    _ = try expectKeyword("FROM")
    let from = try name()
    var fromAlias: Name?
    if case .word(let word) = current.kind, !SOQLParser.reserved.contains(word.uppercased()) {
      fromAlias = try name()
    }
    var query = SOQLSyntax(
      select: select, from: from, fromAlias: fromAlias, whereClause: nil, groupBy: [], having: nil, orderBy: [],
      limit: nil, limitOffset: nil, offset: nil, offsetOffset: nil, position: start.offset)
    if isKeyword("USING") { throw unexpected() }
    if isKeyword("WHERE") {
      _ = advance()
      query.whereClause = try condition()
    }
    // WITH SECURITY_ENFORCED / USER_MODE / SYSTEM_MODE: accepted; this engine has no field or
    // object permissions to enforce. Other WITH clauses (DATA CATEGORY, …) are not supported.
    if isKeyword("WITH") {
      guard ["SECURITY_ENFORCED", "USER_MODE", "SYSTEM_MODE"].contains(tokens[index + 1].keyword ?? "") else {
        throw unexpected(tokens[index + 1])
      }
      _ = advance()
      _ = advance()
    }
    if isKeyword("GROUP") {
      _ = advance()
      _ = try expectKeyword("BY")
      if isKeyword("ROLLUP") || isKeyword("CUBE") { throw unexpected() }
      repeat {
        query.groupBy.append(try operand())
      } while isSymbol(",") && advance().offset >= 0
      if isKeyword("HAVING") {
        _ = advance()
        query.having = try condition()
      }
    }
    if isKeyword("ORDER") {
      query.orderBy = try orderBy()
    }
    if isKeyword("LIMIT") {
      _ = advance()
      query.limitOffset = current.offset
      query.limit = try wholeNumber()
    }
    if isKeyword("OFFSET") {
      _ = advance()
      query.offsetOffset = current.offset
      query.offset = try wholeNumber()
    }
    // FOR VIEW / FOR REFERENCE: accepted (they only update LastViewedDate / LastReferencedDate in
    // an org); FOR UPDATE locks records, which the REST API does not offer.
    if isKeyword("FOR") {
      guard ["VIEW", "REFERENCE"].contains(tokens[index + 1].keyword ?? "") else { throw unexpected(tokens[index + 1]) }
      _ = advance()
      _ = advance()
    }
    return query
  }

  mutating func wholeNumber() throws -> Int {
    guard case .number(let text) = current.kind, text.allSatisfy(\.isASCIIDigit) else { throw unexpected() }
    guard let value = Int(text), value <= 1_000_000_000 else {
      throw QueryError("NUMBER_OUTSIDE_VALID_RANGE", "The number \(text) is too large", offset: current.offset)
    }
    _ = advance()
    return value
  }

  mutating func fieldPath() throws -> FieldPath {
    var parts = [try name()]
    while isSymbol(".") {
      _ = advance()
      parts.append(try name())
    }
    return FieldPath(parts: parts)
  }

  mutating func aggregateCall() throws -> AggregateCall? {
    guard let word = current.keyword, let function = AggregateFunction(rawValue: word), isSymbol("(", ahead: 1)
    else { return nil }
    let start = advance().offset
    _ = advance()
    var call = AggregateCall(function: function, argument: nil, offset: start)
    if isSymbol(")") {
      guard function == .count else { throw unexpected() }
    } else {
      call.argument = try fieldPath()
    }
    _ = try expectSymbol(")")
    return call
  }

  mutating func dateFunctionCall() throws -> DateFunctionCall? {
    guard let word = current.keyword, let function = DateFunction(rawValue: word), isSymbol("(", ahead: 1) else {
      return nil
    }
    let start = advance().offset
    _ = advance()
    let call = DateFunctionCall(function: function, argument: try fieldPath(), offset: start)
    _ = try expectSymbol(")")
    return call
  }

  mutating func alias() throws -> Name? {
    if case .word(let word) = current.kind, !SOQLParser.reserved.contains(word.uppercased()) {
      return try name()
    }
    return nil
  }

  mutating func selectItem() throws -> SelectItem {
    if isSymbol("(") {
      _ = advance()
      let subquery = try query()
      _ = try expectSymbol(")")
      return .subquery(subquery)
    }
    if isKeyword("TYPEOF") { return .typeOf(try typeOf()) }
    if isKeyword("FIELDS"), isSymbol("(", ahead: 1) {
      _ = advance()
      _ = advance()
      let kind = try name()
      guard ["ALL", "STANDARD", "CUSTOM"].contains(kind.text.uppercased()) else { throw unexpected(tokens[index - 1]) }
      _ = try expectSymbol(")")
      return .fields(kind)
    }
    if let call = try aggregateCall() { return .aggregate(call, alias: try alias()) }
    if let call = try dateFunctionCall() { return .dateFunction(call, alias: try alias()) }
    if let word = current.keyword, SOQLParser.reserved.contains(word) { throw unexpected() }
    let path = try fieldPath()
    return .field(path, alias: try alias())
  }

  mutating func typeOf() throws -> TypeOfClause {
    let start = advance().offset
    let field = try name()
    var clause = TypeOfClause(field: field, whens: [], elseFields: [], offset: start)
    func fieldList(_ parser: inout SOQLParser) throws -> [FieldPath] {
      var fields = [try parser.fieldPath()]
      while parser.isSymbol(",") {
        _ = parser.advance()
        fields.append(try parser.fieldPath())
      }
      return fields
    }
    while isKeyword("WHEN") {
      _ = advance()
      let object = try name()
      _ = try expectKeyword("THEN")
      clause.whens.append(.init(object: object, fields: try fieldList(&self)))
    }
    guard !clause.whens.isEmpty else { throw unexpected() }
    if isKeyword("ELSE") {
      _ = advance()
      clause.elseFields = try fieldList(&self)
    }
    _ = try expectKeyword("END")
    return clause
  }

  mutating func operand() throws -> Operand {
    if let call = try aggregateCall() { return .aggregate(call) }
    if let call = try dateFunctionCall() { return .dateFunction(call) }
    if let word = current.keyword, SOQLParser.reserved.contains(word) { throw unexpected() }
    return .field(try fieldPath())
  }

  /// A condition: terms joined by AND or by OR (mixing them without parentheses is an error, as in SOQL).
  mutating func condition() throws -> Condition {
    try enter()
    defer { depth -= 1 }
    var terms = [try term()]
    var joiner: String?
    while let word = current.keyword, word == "AND" || word == "OR" {
      if let joiner, joiner != word { throw unexpected() }
      joiner = word
      _ = advance()
      terms.append(try term())
    }
    guard let joiner else { return terms[0] }
    return joiner == "AND" ? .and(terms) : .or(terms)
  }

  mutating func term() throws -> Condition {
    conditionCount += 1
    if conditionCount > limits.maximumConditions {
      throw QueryError.malformed(
        "Query has too many conditions (more than \(limits.maximumConditions))", at: current.offset)
    }
    if isKeyword("NOT") {
      _ = advance()
      try enter()
      defer { depth -= 1 }
      return .not(try term())
    }
    if isSymbol("(") {
      _ = advance()
      let inner = try condition()
      _ = try expectSymbol(")")
      return inner
    }
    let lhs = try operand()
    let operatorToken = current
    if case .symbol(let symbol) = current.kind {
      let op: ComparisonOperator
      switch symbol {
      case "=": op = .equal
      case "!=", "<>": op = .notEqual
      case "<": op = .less
      case "<=": op = .lessOrEqual
      case ">": op = .greater
      case ">=": op = .greaterOrEqual
      default: throw unexpected()
      }
      _ = advance()
      return .comparison(lhs, op, try literal(), operatorOffset: operatorToken.offset)
    }
    switch current.keyword {
    case "LIKE":
      _ = advance()
      return .comparison(lhs, .like, try literal(), operatorOffset: operatorToken.offset)
    case "NOT":
      _ = advance()
      _ = try expectKeyword("IN")
      return try inTail(lhs, negated: true, operatorOffset: operatorToken.offset)
    case "IN":
      _ = advance()
      return try inTail(lhs, negated: false, operatorOffset: operatorToken.offset)
    case "INCLUDES", "EXCLUDES":
      let negated = current.keyword == "EXCLUDES"
      _ = advance()
      _ = try expectSymbol("(")
      let values = try literalList()
      return .includes(lhs, negated: negated, values, operatorOffset: operatorToken.offset)
    default:
      throw unexpected()
    }
  }

  mutating func inTail(_ lhs: Operand, negated: Bool, operatorOffset: Int) throws -> Condition {
    _ = try expectSymbol("(")
    if isKeyword("SELECT") {
      let subquery = try query()
      _ = try expectSymbol(")")
      return .inSubquery(lhs, negated: negated, subquery, operatorOffset: operatorOffset)
    }
    return .inList(lhs, negated: negated, try literalList(), operatorOffset: operatorOffset)
  }

  /// Values up to the closing parenthesis (already past the opening one).
  mutating func literalList() throws -> [LiteralValue] {
    var values = [try literal()]
    while isSymbol(",") {
      _ = advance()
      values.append(try literal())
      if values.count > limits.maximumConditions * 2 {
        throw QueryError.malformed("Too many values in the list", at: current.offset)
      }
    }
    _ = try expectSymbol(")")
    return values
  }

  mutating func literal() throws -> LiteralValue {
    let token = current
    switch token.kind {
    case .string(let text):
      _ = advance()
      return LiteralValue(kind: .string(text), offset: token.offset)
    case .number(let text):
      _ = advance()
      return LiteralValue(kind: .number(text), offset: token.offset)
    case .dateTime(let text):
      _ = advance()
      if DateLiterals.parseDate(text) != nil { return LiteralValue(kind: .date(text), offset: token.offset) }
      if DateLiterals.parseDateTime(text) != nil { return LiteralValue(kind: .dateTime(text), offset: token.offset) }
      throw QueryError.malformed(
        "line 1:\(token.offset) no viable alternative at character '\(text)'", at: token.offset)
    case .word(let word):
      let upper = word.uppercased()
      _ = advance()
      switch upper {
      case "NULL": return LiteralValue(kind: .null, offset: token.offset)
      case "TRUE": return LiteralValue(kind: .boolean(true), offset: token.offset)
      case "FALSE": return LiteralValue(kind: .boolean(false), offset: token.offset)
      default:
        if DateLiterals.fixed.contains(upper) {
          return LiteralValue(kind: .dateLiteral(upper, nil), offset: token.offset)
        }
        if DateLiterals.withNumber.contains(upper) {
          guard isSymbol(":") else { throw unexpected() }
          _ = advance()
          guard case .number(let digits) = current.kind, let n = Int(digits), n >= 0, n <= 1_000_000 else {
            throw unexpected()
          }
          _ = advance()
          return LiteralValue(kind: .dateLiteral(upper, n), offset: token.offset)
        }
        throw unexpected(token)
      }
    default:
      throw unexpected()
    }
  }
}
