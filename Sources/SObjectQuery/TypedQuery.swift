import SObjectMetadata

/// A query resolved against the model at one API version: every name bound to an object or a field,
/// every parent path to a join, every value checked against its field's type. What the compiler
/// turns into SQL for a dialect; it holds no SQL itself.
public struct TypedQuery: Sendable {
  /// The tables the query reads: the root (index 0) and a node per parent relationship followed.
  public var joins: [JoinNode]
  /// The values the query returns, in order; the SQL names them c0, c1, …
  public var columns: [TypedExpression]
  /// How each row becomes a record (or an AggregateResult).
  public var shape: RecordShape
  public var filter: TypedCondition?
  public var groupBy: [TypedExpression]
  public var having: TypedCondition?
  public var orderBy: [TypedOrder]
  public var limit: Int?
  public var offset: Int?
  /// GROUP BY, or an aggregate in the select list: rows are AggregateResults.
  public var isAggregate: Bool
  /// `SELECT COUNT() FROM …`: the answer is `totalSize` alone, no records.
  public var isCountOnly: Bool
  /// Child subqueries, run per page of parent records.
  public var children: [TypedChildQuery]
  /// queryAll: deleted records (IsDeleted) are included.
  public var includesDeleted: Bool

  public var object: SObjectDefinition { joins[0].object }
}

/// One table of the FROM clause: the root, or a parent reached through `field` of node `parent`
/// (for a polymorphic field, only rows whose ID has `keyPrefix`).
public struct JoinNode: Sendable {
  public var object: SObjectDefinition
  public var parent: Int?
  public var field: FieldDefinition?
  public var keyPrefix: String?
}

/// A column of a table of the query.
public struct ColumnReference: Sendable, Hashable {
  public var join: Int
  public var field: FieldDefinition
}

public indirect enum TypedExpression: Sendable, Hashable {
  /// A field; several candidates for a field reached through a polymorphic relationship (the one
  /// whose join matched gives the value).
  case field([ColumnReference])
  case aggregate(AggregateFunction, TypedExpression?)
  /// A date function of a date or datetime: a whole number, or a date for DAY_ONLY.
  case dateFunction(DateFunction, TypedExpression)

  /// The field type of the value (nil for COUNT, which is an integer, and AVG, a double).
  public var fieldType: FieldType? {
    switch self {
    case .field(let candidates): return candidates[0].field.type
    case .aggregate(.count, _), .aggregate(.countDistinct, _): return .int
    case .aggregate(.avg, _): return .double
    case .aggregate(_, let argument): return argument?.fieldType
    case .dateFunction(.dayOnly, _): return .date
    case .dateFunction: return .int
    }
  }

  var field: FieldDefinition? {
    if case .field(let candidates) = self { return candidates[0].field }
    return nil
  }
}

/// A value bound to a parameter: never spliced into SQL text.
public enum SQLValue: Sendable, Hashable, CustomStringConvertible {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case boolean(Bool)

  public var description: String {
    switch self {
    case .null: return "NULL"
    case .integer(let value): return String(value)
    case .real(let value): return String(value)
    case .text(let value): return value
    case .boolean(let value): return value ? "true" : "false"
    }
  }
}

/// How a value is compared: its kind decides the SQL (case-insensitive text, canonical datetimes…).
public enum ValueKind: Sendable, Hashable {
  case id, text, boolean, integer, decimal, date, datetime, time, multiPicklist, binary

  init(_ type: FieldType) {
    switch type {
    case .id, .reference: self = .id
    case .boolean: self = .boolean
    case .int, .long: self = .integer
    case .double, .currency, .percent: self = .decimal
    case .date: self = .date
    case .datetime: self = .datetime
    case .time: self = .time
    case .multipicklist: self = .multiPicklist
    case .base64: self = .binary
    default: self = .text
    }
  }
}

public indirect enum TypedCondition: Sendable {
  case and([TypedCondition])
  case or([TypedCondition])
  case not(TypedCondition)
  case isNull(TypedExpression, Bool)
  /// `=`, `!=`, `<`, … against one value (for `!=` rows with NULL match, as in SOQL).
  case compare(TypedExpression, ComparisonOperator, SQLValue, ValueKind)
  /// A date literal against a date or datetime: the range [start, end) in the field's form.
  case range(TypedExpression, ComparisonOperator, SQLValue, SQLValue, ValueKind)
  case inList(TypedExpression, negated: Bool, [SQLValue], ValueKind)
  case inSubquery(TypedExpression, negated: Bool, TypedQuery)
  /// INCLUDES / EXCLUDES: any of the sets, each a list of values that must all be selected.
  case includes(TypedExpression, negated: Bool, [[String]])
  /// SOSL: the record's text fields match the search terms.
  case search(SearchMatch)
}

/// A SOSL term against one object's fields (the search group's).
public struct SearchMatch: Sendable {
  public var object: SObjectDefinition
  public var fields: [FieldDefinition]
  /// Groups joined by OR, of terms joined by AND.
  public var terms: [[SearchTerm]]
}

public struct TypedOrder: Sendable {
  public var expression: TypedExpression
  public var ascending: Bool
  public var nullsFirst: Bool
}

/// A child subquery: the child object's rows whose `field` holds the parent's Id.
public struct TypedChildQuery: Sendable {
  public var relationshipName: String
  public var field: FieldDefinition
  public var query: TypedQuery
}

/// How a row becomes a record: `attributes`, then each selected key in order.
public final class RecordShape: @unchecked Sendable {
  public enum Entry: Sendable {
    /// A field's value from output column `column`.
    case value(key: String, column: Int, type: FieldType)
    /// A parent record, null when its ID column is null.
    case parent(key: String, RecordShape)
    /// A polymorphic parent chosen by the ID's key prefix (TYPEOF, or a path on a polymorphic field):
    /// the shape for each object, the fallback for the rest.
    case polymorphic(key: String, idColumn: Int, byObject: [String: RecordShape], fallback: RecordShape?)
    /// A child subquery's result, `children[index]` of the query.
    case children(key: String, index: Int)
    /// An aggregate result's value.
    case aggregate(key: String, column: Int, type: FieldType?)

    public var key: String {
      switch self {
      case .value(let key, _, _), .parent(let key, _), .polymorphic(let key, _, _, _), .children(let key, _),
        .aggregate(let key, _, _):
        return key
      }
    }
  }

  /// The object's name, or "AggregateResult".
  public let type: String
  /// The output column holding the record's Id (for `attributes.url`, and null when absent); nil
  /// for aggregate results.
  public let idColumn: Int?
  public var entries: [Entry] = []

  init(type: String, idColumn: Int?) {
    self.type = type
    self.idColumn = idColumn
  }
}
