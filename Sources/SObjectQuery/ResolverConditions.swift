import SObjectMetadata

/// WHERE and HAVING: conditions, and each value checked against the type of the field it meets.
extension QueryResolver {
  mutating func condition(_ syntax: Condition, allowAggregates: Bool, groupBy: [TypedExpression] = [])
    throws -> TypedCondition
  {
    switch syntax {
    case .and(let terms):
      return .and(try terms.map { try condition($0, allowAggregates: allowAggregates, groupBy: groupBy) })
    case .or(let terms):
      return .or(try terms.map { try condition($0, allowAggregates: allowAggregates, groupBy: groupBy) })
    case .not(let inner):
      return .not(try condition(inner, allowAggregates: allowAggregates, groupBy: groupBy))
    case .comparison(let operand, let op, let value, let operatorOffset):
      let lhs = try self.operand(operand, allowAggregates: allowAggregates, groupBy: groupBy)
      let kind = valueKind(lhs)
      let name = operandName(operand)
      if case .null = value.kind {
        guard op == .equal || op == .notEqual else {
          throw QueryError(
            "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on null: \(op.rawValue)", offset: operatorOffset)
        }
        return .isNull(lhs, op == .equal)
      }
      if op == .like {
        guard [.text, .id].contains(kind) || kind == .multiPicklist && false else {
          throw QueryError(
            "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on field '\(name)': LIKE", offset: operatorOffset)
        }
        guard case .string(let pattern) = value.kind else {
          throw typeMismatch(name, kind: .text, at: value.offset)
        }
        return .compare(lhs, .like, .text(pattern), kind)
      }
      if kind == .multiPicklist, op != .equal, op != .notEqual {
        throw QueryError(
          "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on multipicklist field", offset: operatorOffset)
      }
      if kind == .boolean, op != .equal, op != .notEqual {
        throw QueryError(
          "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on boolean field '\(name)': \(op.rawValue)",
          offset: operatorOffset)
      }
      if case .dateLiteral(let literal, let n) = value.kind {
        guard kind == .date || kind == .datetime else { throw typeMismatch(name, kind: kind, at: value.offset) }
        let range = DateLiterals.range(literal, n, today: DateLiterals.today(context.clock))
        let start: SQLValue
        let end: SQLValue
        if kind == .date {
          start = .text(range.start.text)
          end = .text(range.end.text)
        } else {
          start = .text(range.start.text + "T00:00:00.000Z")
          end = .text(range.end.text + "T00:00:00.000Z")
        }
        return .range(lhs, op, start, end, kind)
      }
      return .compare(lhs, op, try self.value(value, kind: kind, name: name), kind)
    case .inList(let operand, let negated, let values, _):
      let lhs = try self.operand(operand, allowAggregates: allowAggregates, groupBy: groupBy)
      let kind = valueKind(lhs)
      let name = operandName(operand)
      if kind == .boolean || kind == .multiPicklist {
        throw QueryError(
          "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on field '\(name)': IN", offset: values[0].offset)
      }
      let converted = try values.map { value -> SQLValue in
        if case .null = value.kind { return .null }
        return try self.value(value, kind: kind, name: name)
      }
      return .inList(lhs, negated: negated, converted, kind)
    case .inSubquery(let operand, let negated, let subquery, let operatorOffset):
      let lhs = try self.operand(operand, allowAggregates: false, groupBy: groupBy)
      guard valueKind(lhs) == .id else {
        throw QueryError(
          "INVALID_QUERY_FILTER_OPERATOR",
          "The selected field '\(operandName(operand))' in the subquery and the left operand field in the where expression in the outer query must point to the same object type.",
          offset: operatorOffset)
      }
      var inner = QueryResolver(context: context)
      let typed = try inner.query(subquery, isSubquery: true)
      guard typed.children.isEmpty, !typed.isAggregate, !typed.isCountOnly, typed.shape.entries.count == 1,
        case .value(_, let column, let type) = typed.shape.entries[0], type == .id || type == .reference,
        typed.columns[column].field != nil
      else {
        throw QueryError.malformed(
          "Semi join sub-selects can only select a single Id or reference field", at: subquery.position)
      }
      return .inSubquery(lhs, negated: negated, typed)
    case .includes(let operand, let negated, let values, let operatorOffset):
      let lhs = try self.operand(operand, allowAggregates: false, groupBy: groupBy)
      guard valueKind(lhs) == .multiPicklist else {
        throw QueryError(
          "INVALID_QUERY_FILTER_OPERATOR",
          "\(negated ? "excludes" : "includes") operator is only valid on multipicklist fields", offset: operatorOffset)
      }
      let sets = try values.map { value -> [String] in
        guard case .string(let text) = value.kind else {
          throw typeMismatch(operandName(operand), kind: .text, at: value.offset)
        }
        return QueryResolver.plain(text).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
          .filter { !$0.isEmpty }
      }
      return .includes(lhs, negated: negated, sets)
    }
  }

  func operandName(_ operand: Operand) -> String {
    switch operand {
    case .field(let path): return path.parts.last!.text
    case .aggregate(let call): return call.function.rawValue
    case .dateFunction(let call): return call.function.rawValue
    }
  }

  mutating func operand(_ operand: Operand, allowAggregates: Bool, groupBy: [TypedExpression]) throws
    -> TypedExpression
  {
    switch operand {
    case .field(let path):
      let expression = try self.expression(path, node: 0)
      if allowAggregates, !groupBy.contains(expression) {
        throw QueryError.malformed(
          "Field must be grouped or aggregated: \(path.parts.last!.text)", at: path.offset)
      }
      if let field = expression.field, !field.has(.filter), field.type != .id {
        throw QueryError(
          "INVALID_FIELD", "field '\(field.name)' can not be filtered in a query call", offset: path.offset)
      }
      return expression
    case .dateFunction(let call):
      let expression = try dateFunction(call)
      if allowAggregates, !groupBy.contains(expression) {
        throw QueryError.malformed(
          "Field must be grouped or aggregated: \(call.function.rawValue)", at: call.offset)
      }
      return expression
    case .aggregate(let call):
      guard allowAggregates else {
        throw QueryError.malformed(
          "Cannot use an aggregate function in the WHERE clause; use HAVING", at: call.offset)
      }
      return try aggregate(call)
    }
  }

  func valueKind(_ expression: TypedExpression) -> ValueKind {
    switch expression {
    case .aggregate(.count, _), .aggregate(.countDistinct, _): return .integer
    case .aggregate(.avg, _): return .decimal
    default: return expression.fieldType.map(ValueKind.init) ?? .text
    }
  }

  /// The text of a string literal outside LIKE: `\\` is one backslash.
  static func plain(_ text: String) -> String { unescapeKeepingLikeEscapes(text) }

  static func unescapeKeepingLikeEscapes(_ text: String) -> String {
    var result = ""
    var iterator = text.makeIterator()
    while let character = iterator.next() {
      guard character == "\\", let next = iterator.next() else {
        result.append(character)
        continue
      }
      if next == "\\" {
        result.append("\\")
      } else {
        result.append("\\")
        result.append(next)
      }
    }
    return result
  }

  func typeMismatch(_ name: String, kind: ValueKind, at offset: Int) -> QueryError {
    let description: String
    switch kind {
    case .id, .text, .multiPicklist, .time, .binary:
      description = "must be of type string and should be enclosed in quotes"
    case .boolean: description = "must be of type boolean and should not be enclosed in quotes"
    case .integer: description = "must be of type integer and should not be enclosed in quotes"
    case .decimal: description = "must be of type double and should not be enclosed in quotes"
    case .date: description = "must be of type date and should not be enclosed in quotes"
    case .datetime: description = "must be of type dateTime and should not be enclosed in quotes"
    }
    return QueryError("INVALID_FIELD", "value of filter criterion for field '\(name)' \(description)", offset: offset)
  }

  /// A literal as the parameter bound for a field of `kind`.
  func value(_ literal: LiteralValue, kind: ValueKind, name: String) throws -> SQLValue {
    switch (kind, literal.kind) {
    case (.id, .string(let text)):
      let plain = QueryResolver.plain(text)
      guard let id = SalesforceIDs.canonical(plain) else {
        throw QueryError("INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: \(plain)", offset: literal.offset)
      }
      return .text(id)
    case (.text, .string(let text)), (.multiPicklist, .string(let text)):
      return .text(QueryResolver.plain(text))
    case (.time, .string(let text)):
      return .text(QueryResolver.plain(text))
    case (.boolean, .boolean(let flag)):
      return .boolean(flag)
    case (.integer, .number(let digits)):
      if let whole = Int64(digits) { return .integer(whole) }
      guard let real = Double(digits) else { throw typeMismatch(name, kind: kind, at: literal.offset) }
      return .real(real)
    case (.decimal, .number(let digits)):
      guard let real = Double(digits) else { throw typeMismatch(name, kind: kind, at: literal.offset) }
      return .real(real)
    case (.date, .date(let text)):
      return .text(text)
    case (.datetime, .dateTime(let text)):
      guard let millis = DateLiterals.parseDateTime(text) else {
        throw typeMismatch(name, kind: kind, at: literal.offset)
      }
      return .text(DateLiterals.format(millis: millis))
    default:
      throw typeMismatch(name, kind: kind, at: literal.offset)
    }
  }
}

/// Salesforce IDs: 15 characters case-sensitive, 18 with a checksum of the case of the first 15.
enum SalesforceIDs {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")

  /// The 18-character form of a 15- or 18-character ID, or nil when the text is not one.
  static func canonical(_ text: String) -> String? {
    let characters = Array(text)
    guard characters.count == 15 || characters.count == 18,
      characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
    else { return nil }
    let base = Array(characters[0..<15])
    var suffix = ""
    for chunk in 0..<3 {
      var bits = 0
      for position in 0..<5 where base[chunk * 5 + position].isUppercase {
        bits |= 1 << position
      }
      suffix.append(alphabet[bits])
    }
    if characters.count == 18, String(characters[15...]).uppercased() != suffix { return nil }
    return String(base) + suffix
  }
}
