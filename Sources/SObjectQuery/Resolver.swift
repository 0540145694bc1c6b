import SObjectGenCore
import SObjectMetadata

/// What a query is resolved against: the model at the request's API version, and the clock the
/// date literals read.
public struct QueryContext: Sendable {
  public var model: MetadataModel
  public var apiVersion: APIVersion
  /// queryAll: include deleted records.
  public var includesDeleted: Bool
  public var clock: QueryClock

  public init(
    model: MetadataModel, apiVersion: APIVersion, includesDeleted: Bool = false, clock: QueryClock = QueryClock()
  ) {
    self.model = model
    self.apiVersion = apiVersion
    self.includesDeleted = includesDeleted
    self.clock = clock
  }

  /// The object named `name` (any case) as it exists at the API version.
  func object(named name: String) -> SObjectDefinition? {
    model.objects.first { $0.name.caseInsensitiveCompare(name) == .orderedSame && $0.isAvailable(in: apiVersion) }
  }

  /// The object's fields at the API version, in describe order (what FIELDS() expands to).
  func fields(of object: SObjectDefinition) -> [FieldDefinition] {
    DescribeFieldOrder.fields(of: object, in: apiVersion)
  }

  func field(named name: String, of object: SObjectDefinition) -> FieldDefinition? {
    fields(of: object).first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
  }

  /// A reference field of the object whose relationship name (`Owner`, `Parent__r`) is `name`.
  func relationship(named name: String, of object: SObjectDefinition) -> FieldDefinition? {
    fields(of: object).first {
      $0.apiRelationshipName?.caseInsensitiveCompare(name) == .orderedSame
    }
  }

  /// The objects a reference field can point at that exist at the API version.
  func targets(of field: FieldDefinition) -> [SObjectDefinition] {
    (field.reference?.resolvedTargets ?? []).compactMap { target in
      model[objectNamed: target.object].flatMap { $0.isAvailable(in: apiVersion) ? $0 : nil }
    }
  }
}

/// Resolves a parsed query against the model: the second stage, `SOQLSyntax` → `TypedQuery`.
public struct QueryResolver {
  let context: QueryContext
  var joins: [JoinNode] = []
  var joinKeys: [String: Int] = [:]
  var columns: [TypedExpression] = []
  var columnKeys: [TypedExpression: Int] = [:]
  var children: [TypedChildQuery] = []
  /// The FROM alias (`SELECT c.Name FROM Contact c`).
  var alias: String?

  public static func resolve(_ syntax: SOQLSyntax, context: QueryContext, text: String) throws -> TypedQuery {
    do {
      var resolver = QueryResolver(context: context)
      return try resolver.query(syntax, isSubquery: false)
    } catch let error as QueryError {
      throw error.located(in: text)
    } catch {
      throw QueryError.malformed("\(error)", at: nil)
    }
  }

  init(context: QueryContext) { self.context = context }

  static let maximumParentDepth = 5

  mutating func query(_ syntax: SOQLSyntax, isSubquery: Bool, childOf parentObject: SObjectDefinition? = nil)
    throws -> TypedQuery
  {
    let object: SObjectDefinition
    if let parentObject {
      guard
        let relationship = ChildRelationships.resolved(of: parentObject, in: context.model, version: context.apiVersion)
          .first(where: { $0.name?.caseInsensitiveCompare(syntax.from.text) == .orderedSame })
      else { throw QueryError.unknownChildRelationship(syntax.from.text, at: syntax.from.offset) }
      object = relationship.childObject
    } else {
      guard let found = context.object(named: syntax.from.text) else {
        throw QueryError.invalidType(syntax.from.text, at: syntax.from.offset)
      }
      object = found
    }
    guard object.supports(.query) else {
      throw QueryError(
        "INVALID_TYPE_FOR_OPERATION", "entity type \(object.name) does not support query", offset: syntax.from.offset)
    }
    alias = syntax.fromAlias?.text
    joins = [JoinNode(object: object, parent: nil, field: nil, keyPrefix: nil)]
    let isAggregate =
      !syntax.groupBy.isEmpty
      || syntax.select.contains { if case .aggregate = $0 { return true } else { return false } }
    let shape = RecordShape(type: isAggregate ? "AggregateResult" : object.name, idColumn: nil)
    var rootShape = shape
    if !isAggregate {
      rootShape = RecordShape(
        type: object.name, idColumn: column(.field([ColumnReference(join: 0, field: idField(object))])))
    }
    let groupBy = try syntax.groupBy.map { operand -> TypedExpression in
      switch operand {
      case .field(let path):
        let expression = try expression(path, node: 0)
        guard expression.field?.has(.group) == true else {
          throw QueryError(
            "INVALID_FIELD", "field '\(path.parts.last!.text)' can not be grouped in a query call", offset: path.offset)
        }
        return expression
      case .dateFunction(let call):
        return try dateFunction(call)
      case .aggregate(let call):
        throw QueryError.malformed("Cannot group by an aggregate function", at: call.offset)
      }
    }
    var isCountOnly = false
    var expressionNumber = 0
    var usedFieldsFunction = false
    for item in syntax.select {
      switch item {
      case .field(let path, let alias):
        if isAggregate {
          let expression = try expression(path, node: 0)
          guard groupBy.contains(expression) else {
            throw QueryError.malformed("Field must be grouped or aggregated: \(path.parts.last!.text)", at: path.offset)
          }
          let key = alias?.text ?? expression.field!.name
          rootShape.entries.append(.aggregate(key: key, column: column(expression), type: expression.fieldType))
        } else {
          if let alias { throw QueryError.malformed("unexpected token: '\(alias.text)'", at: alias.offset) }
          try select(path.parts[...].dropFirst(isAlias(path) ? 1 : 0), node: 0, shape: rootShape, depth: 0)
        }
      case .dateFunction(let call, let alias):
        let expression = try dateFunction(call)
        guard isAggregate, groupBy.contains(expression) else {
          throw QueryError.malformed(
            "Date functions must be grouped: \(call.function.rawValue)(\(call.argument.text))", at: call.offset)
        }
        let key: String
        if let alias {
          key = alias.text
        } else {
          key = "expr\(expressionNumber)"
          expressionNumber += 1
        }
        rootShape.entries.append(.aggregate(key: key, column: column(expression), type: expression.fieldType))
      case .aggregate(let call, let alias):
        if call.function == .count && call.argument == nil {
          guard syntax.select.count == 1, syntax.groupBy.isEmpty else {
            throw QueryError.malformed("COUNT() must be the only element in the SELECT list", at: call.offset)
          }
          isCountOnly = true
          continue
        }
        let expression = try aggregate(call)
        let key: String
        if let alias {
          key = alias.text
        } else {
          key = "expr\(expressionNumber)"
          expressionNumber += 1
        }
        rootShape.entries.append(.aggregate(key: key, column: column(expression), type: expression.fieldType))
      case .subquery(let subquery):
        guard !isSubquery else {
          throw QueryError.malformed("Nesting of semi join sub-selects is not supported", at: subquery.position)
        }
        guard !isAggregate else { throw QueryError.malformed("unexpected token: '('", at: subquery.position - 1) }
        var childResolver = QueryResolver(context: context)
        let childQuery = try childResolver.query(subquery, isSubquery: true, childOf: object)
        let relationship = ChildRelationships.resolved(of: object, in: context.model, version: context.apiVersion)
          .first { $0.name?.caseInsensitiveCompare(subquery.from.text) == .orderedSame }!
        children.append(
          TypedChildQuery(relationshipName: relationship.name!, field: relationship.field, query: childQuery))
        rootShape.entries.append(.children(key: relationship.name!, index: children.count - 1))
      case .typeOf(let clause):
        guard !isAggregate else { throw QueryError.malformed("unexpected token: 'TYPEOF'", at: clause.offset) }
        try typeOf(clause, shape: rootShape)
      case .fields(let kind):
        guard !isAggregate else { throw QueryError.malformed("unexpected token: 'FIELDS'", at: kind.offset) }
        let upper = kind.text.uppercased()
        if upper != "STANDARD" {
          usedFieldsFunction = true
        }
        for field in context.fields(of: object) {
          let isCustom = field.name.hasSuffix("__c")
          if upper == "STANDARD" && isCustom || upper == "CUSTOM" && !isCustom { continue }
          try select([Name(text: field.name, offset: kind.offset)][...], node: 0, shape: rootShape, depth: 0)
        }
      }
    }
    if usedFieldsFunction, (syntax.limit ?? Int.max) > 200 {
      throw QueryError.malformed(
        "The SOQL FIELDS function must have a LIMIT of at most 200", at: syntax.limitOffset ?? syntax.position)
    }
    if let offset = syntax.offset, offset > 2000 {
      throw QueryError(
        "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000", offset: syntax.offsetOffset)
    }
    let filter = try syntax.whereClause.map { try condition($0, allowAggregates: false) }
    let having = try syntax.having.map { try condition($0, allowAggregates: true, groupBy: groupBy) }
    let orderBy = try syntax.orderBy.map { item -> TypedOrder in
      let expression: TypedExpression
      switch item.operand {
      case .field(let path):
        expression = try self.expression(path, node: 0)
        if isAggregate, !groupBy.contains(expression) {
          throw QueryError.malformed(
            "Ordered field must be grouped or aggregated: \(path.parts.last!.text)", at: path.offset)
        }
        guard expression.field?.has(.sort) == true || expression.field?.type == .id else {
          throw QueryError(
            "INVALID_FIELD", "field '\(path.parts.last!.text)' can not be sorted in a query call", offset: path.offset)
        }
      case .dateFunction(let call):
        expression = try dateFunction(call)
        if isAggregate, !groupBy.contains(expression) {
          throw QueryError.malformed(
            "Ordered field must be grouped or aggregated: \(call.function.rawValue)", at: call.offset)
        }
      case .aggregate(let call):
        guard isAggregate || isCountOnly else {
          throw QueryError.malformed("unexpected token: '\(call.function.rawValue)'", at: call.offset)
        }
        expression = try aggregate(call)
      }
      return TypedOrder(
        expression: expression, ascending: item.ascending, nullsFirst: item.nullsFirst ?? item.ascending)
    }
    return TypedQuery(
      joins: joins, columns: columns, shape: rootShape, filter: filter, groupBy: groupBy, having: having,
      orderBy: orderBy, limit: syntax.limit, offset: syntax.offset, isAggregate: isAggregate && !isCountOnly,
      isCountOnly: isCountOnly, children: children, includesDeleted: context.includesDeleted)
  }

  func idField(_ object: SObjectDefinition) -> FieldDefinition {
    object.systemFields[0]
  }

  /// Whether the path starts with the FROM alias, or with the object's own name (`SELECT
  /// Contact.Name FROM Contact`, as django-salesforce writes), when no relationship has that name.
  func isAlias(_ path: FieldPath) -> Bool {
    guard path.parts.count > 1 else { return false }
    let first = path.parts[0].text
    if let alias { return first.caseInsensitiveCompare(alias) == .orderedSame }
    let object = joins[0].object
    return first.caseInsensitiveCompare(object.name) == .orderedSame
      && context.relationship(named: first, of: object) == nil
  }

  /// The output column of an expression, added once.
  mutating func column(_ expression: TypedExpression) -> Int {
    if let index = columnKeys[expression] { return index }
    columns.append(expression)
    columnKeys[expression] = columns.count - 1
    return columns.count - 1
  }

  /// The join from node `parent` through `field` to `object`, added once.
  mutating func join(from parent: Int, field: FieldDefinition, to object: SObjectDefinition, polymorphic: Bool) -> Int {
    let key = "\(parent)|\(field.name)|\(object.name)"
    if let index = joinKeys[key] { return index }
    joins.append(
      JoinNode(object: object, parent: parent, field: field, keyPrefix: polymorphic ? object.keyPrefix : nil))
    joinKeys[key] = joins.count - 1
    return joins.count - 1
  }

  mutating func fieldOf(_ name: Name, node: Int) throws -> FieldDefinition {
    let object = joins[node].object
    guard let field = context.field(named: name.text, of: object) else {
      throw QueryError.invalidField(name.text, entity: object.name, at: name.offset)
    }
    return field
  }

  mutating func relationshipOf(_ name: Name, node: Int) throws -> (FieldDefinition, [SObjectDefinition]) {
    let object = joins[node].object
    guard let field = context.relationship(named: name.text, of: object) else {
      throw QueryError.unknownParentRelationship(name.text, at: name.offset)
    }
    let targets = context.targets(of: field)
    guard !targets.isEmpty else { throw QueryError.unknownParentRelationship(name.text, at: name.offset) }
    return (field, targets)
  }

  /// Adds a selected path to the record shape, joining parents as needed.
  mutating func select(_ parts: ArraySlice<Name>, node: Int, shape: RecordShape, depth: Int) throws {
    let first = parts.first!
    if parts.count == 1 {
      let field = try fieldOf(first, node: node)
      if !shape.entries.contains(where: { $0.key == field.name }) {
        let index = column(.field([ColumnReference(join: node, field: field)]))
        shape.entries.append(.value(key: field.name, column: index, type: field.type))
      }
      return
    }
    guard depth < QueryResolver.maximumParentDepth else {
      throw QueryError.malformed(
        "SOQL statements cannot query relationships that are more than 5 levels away from the root entity object.",
        at: first.offset)
    }
    let (field, targets) = try relationshipOf(first, node: node)
    let key = field.apiRelationshipName!
    if !field.isPolymorphic {
      let target = targets[0]
      let child = join(from: node, field: field, to: target, polymorphic: false)
      let parentShape: RecordShape
      if let existing = shape.entries.lazy.compactMap({ entry -> RecordShape? in
        if case .parent(let k, let s) = entry, k == key { return s }
        return nil
      }).first {
        parentShape = existing
      } else {
        parentShape = RecordShape(
          type: target.name, idColumn: column(.field([ColumnReference(join: child, field: idField(target))])))
        shape.entries.append(.parent(key: key, parentShape))
      }
      try select(parts.dropFirst(), node: child, shape: parentShape, depth: depth + 1)
      return
    }
    var byObject: [String: RecordShape]
    if let existing = shape.entries.lazy.compactMap({ entry -> [String: RecordShape]? in
      if case .polymorphic(let k, _, let shapes, _) = entry, k == key { return shapes }
      return nil
    }).first {
      byObject = existing
    } else {
      byObject = [:]
      for target in targets {
        let child = join(from: node, field: field, to: target, polymorphic: true)
        byObject[target.name] = RecordShape(
          type: target.name, idColumn: column(.field([ColumnReference(join: child, field: idField(target))])))
      }
      shape.entries.append(
        .polymorphic(
          key: key, idColumn: column(.field([ColumnReference(join: node, field: field)])), byObject: byObject,
          fallback: nil))
    }
    var firstError: Error?
    var resolved = false
    for target in targets {
      let child = join(from: node, field: field, to: target, polymorphic: true)
      do {
        try select(parts.dropFirst(), node: child, shape: byObject[target.name]!, depth: depth + 1)
        resolved = true
      } catch {
        firstError = firstError ?? error
      }
    }
    if !resolved, let firstError { throw firstError }
  }

  mutating func typeOf(_ clause: TypeOfClause, shape: RecordShape) throws {
    let (field, targets) = try relationshipOf(clause.field, node: 0)
    guard field.isPolymorphic else {
      throw QueryError.malformed(
        "TYPEOF can only be used on a polymorphic relationship: \(clause.field.text)", at: clause.field.offset)
    }
    var byObject: [String: RecordShape] = [:]
    for when in clause.whens {
      guard let target = targets.first(where: { $0.name.caseInsensitiveCompare(when.object.text) == .orderedSame })
      else { throw QueryError.invalidType(when.object.text, at: when.object.offset) }
      let child = join(from: 0, field: field, to: target, polymorphic: true)
      let targetShape = RecordShape(
        type: target.name, idColumn: column(.field([ColumnReference(join: child, field: idField(target))])))
      for path in when.fields {
        try select(path.parts[...], node: child, shape: targetShape, depth: 1)
      }
      byObject[target.name] = targetShape
    }
    var fallback: RecordShape?
    if !clause.elseFields.isEmpty {
      let rest = targets.filter { byObject[$0.name] == nil }
      var shapes: [String: RecordShape] = [:]
      for target in rest {
        let child = join(from: 0, field: field, to: target, polymorphic: true)
        let targetShape = RecordShape(
          type: target.name, idColumn: column(.field([ColumnReference(join: child, field: idField(target))])))
        for path in clause.elseFields {
          try select(path.parts[...], node: child, shape: targetShape, depth: 1)
        }
        shapes[target.name] = targetShape
      }
      byObject.merge(shapes) { a, _ in a }
      fallback = RecordShape(type: "", idColumn: nil)
    }
    shape.entries.append(
      .polymorphic(
        key: field.apiRelationshipName!, idColumn: column(.field([ColumnReference(join: 0, field: field)])),
        byObject: byObject, fallback: fallback))
  }

  /// A field path as a value (in WHERE, GROUP BY, ORDER BY, an aggregate's argument).
  mutating func expression(_ path: FieldPath, node: Int) throws -> TypedExpression {
    let parts = path.parts[...].dropFirst(isAlias(path) ? 1 : 0)
    return .field(try candidates(parts, node: node, depth: 0))
  }

  mutating func candidates(_ parts: ArraySlice<Name>, node: Int, depth: Int) throws -> [ColumnReference] {
    let first = parts.first!
    if parts.count == 1 { return [ColumnReference(join: node, field: try fieldOf(first, node: node))] }
    guard depth < QueryResolver.maximumParentDepth else {
      throw QueryError.malformed(
        "SOQL statements cannot query relationships that are more than 5 levels away from the root entity object.",
        at: first.offset)
    }
    let (field, targets) = try relationshipOf(first, node: node)
    var result: [ColumnReference] = []
    var firstError: Error?
    for target in targets {
      let child = join(from: node, field: field, to: target, polymorphic: field.isPolymorphic)
      do {
        result += try candidates(parts.dropFirst(), node: child, depth: depth + 1)
      } catch {
        firstError = firstError ?? error
      }
    }
    if result.isEmpty, let firstError { throw firstError }
    return result
  }

  mutating func dateFunction(_ call: DateFunctionCall) throws -> TypedExpression {
    let inner = try expression(call.argument, node: 0)
    guard inner.fieldType == .date || inner.fieldType == .datetime else {
      throw QueryError.malformed(
        "\(call.function.rawValue) can only be used on a date or dateTime field: \(call.argument.text)",
        at: call.argument.offset)
    }
    if call.function == .hourInDay || call.function == .dayOnly, inner.fieldType != .datetime {
      throw QueryError.malformed(
        "\(call.function.rawValue) can only be used on a dateTime field: \(call.argument.text)",
        at: call.argument.offset)
    }
    return .dateFunction(call.function, inner)
  }

  mutating func aggregate(_ call: AggregateCall) throws -> TypedExpression {
    guard let argument = call.argument else { return .aggregate(.count, nil) }
    let inner = try expression(argument, node: 0)
    let type = inner.fieldType!
    let name = argument.parts.last!.text
    switch call.function {
    case .sum, .avg:
      guard [.int, .long, .double, .currency, .percent].contains(type) else {
        throw QueryError.malformed(
          "field \(name) does not support aggregate operator \(call.function.rawValue)", at: argument.offset)
      }
    case .min, .max:
      guard ![.boolean, .multipicklist, .textarea, .base64, .encryptedstring].contains(type) else {
        throw QueryError.malformed(
          "field \(name) does not support aggregate operator \(call.function.rawValue)", at: argument.offset)
      }
    case .count, .countDistinct:
      guard ![.textarea, .base64, .multipicklist].contains(type) else {
        throw QueryError.malformed(
          "field \(name) does not support aggregate operator \(call.function.rawValue)", at: argument.offset)
      }
    }
    return .aggregate(call.function, inner)
  }
}
