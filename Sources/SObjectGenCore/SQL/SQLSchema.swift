import SObjectMetadata

/// What a column stores, before a dialect names it (see `SQLDialect.typeName`).
public enum SQLColumnType: Hashable, Sendable {
  /// An 18-character Salesforce ID (the `Id` column and every reference).
  case id
  /// Text of at most `maxLength` characters.
  case text(maxLength: Int?)
  case boolean
  case integer
  case bigint
  case decimal(precision: Int, scale: Int)
  case date
  case datetime
  case time
  case binary

  /// Whether every value of `self` fits `other` unchanged, so a column can move from `self` to
  /// `other` without losing data (a widened length, int → long, more digits).
  public func widens(to other: SQLColumnType) -> Bool {
    switch (self, other) {
    case _ where self == other: return true
    case (.text(let old), .text(let new)):
      guard let old else { return new == nil }
      return new.map { $0 >= old } ?? true
    case (.id, .text(let new)): return new.map { $0 >= 18 } ?? true
    case (.integer, .bigint): return true
    case (.integer, .decimal(let precision, let scale)): return precision - scale >= 10
    case (.bigint, .decimal(let precision, let scale)): return precision - scale >= 19
    case (.decimal(let oldPrecision, let oldScale), .decimal(let newPrecision, let newScale)):
      return newScale >= oldScale && newPrecision - newScale >= oldPrecision - oldScale
    default: return false
    }
  }
}

/// A column's DEFAULT, from a field's default value.
enum SQLDefault: Hashable, Sendable {
  case boolean(Bool)
  /// A number as the metadata spells it (validated as a plain decimal by `SQLSchema`).
  case number(String)
  case text(String)
}

struct SQLColumn: Hashable, Sendable {
  var name: String
  var type: SQLColumnType
  var isNullable: Bool
  var defaultValue: SQLDefault?
  /// The field's description (its label where it has none).
  var comment: String
}

/// What happens to a row when the record its foreign key points to is deleted.
public enum SQLDeleteAction: String, Hashable, Sendable {
  case cascade = "CASCADE"
  case restrict = "RESTRICT"
  case setNull = "SET NULL"
  case noAction = "NO ACTION"
}

/// A table constraint, named so that migrations can replace it.
struct SQLConstraint: Hashable, Sendable {
  enum Rule: Hashable, Sendable {
    case primaryKey(column: String)
    /// An ID column holds an 18-character ID: letters and digits, the last three the checksum of
    /// the first fifteen.
    case idLength(column: String)
    /// SQLite only: PostgreSQL's VARCHAR(n) already limits the length.
    case maximumLength(column: String, length: Int)
    /// SQLite only: a boolean is the integer 0 or 1.
    case booleanValue(column: String)
    /// SQLite only: ISO-8601 text (`2024-05-01`, `2024-05-01T09:30:00.000Z`, `09:30:00.000`).
    case isoDate(column: String)
    case isoDateTime(column: String)
    case isoTime(column: String)
    /// A restricted picklist's values.
    case allowedValues(column: String, values: [String])
    /// A restricted multi-select picklist: each `;`-separated value is one of `values`.
    case allowedMultipleValues(column: String, values: [String])
    /// A number's whole part has at most `digits` digits.
    case wholeDigits(column: String, digits: Int, isInteger: Bool)
    /// A cross-field rule of the metadata (`atLeastOneOf`).
    case crossField(CrossFieldRule)
    /// A polymorphic reference: the ID's first three characters are one of the targets' key prefixes.
    case keyPrefix(column: String, prefixes: [String])
    case foreignKey(column: String, table: String, onDelete: SQLDeleteAction)
  }

  var name: String
  var rule: Rule

  var isForeignKey: Bool {
    if case .foreignKey = rule { return true }
    return false
  }
}

struct SQLIndex: Hashable, Sendable {
  var name: String
  var column: String
  var isUnique: Bool
  /// On the column's value without regard to case (SQLite `COLLATE NOCASE`, PostgreSQL
  /// `lower(…)`): what SOQL's case-insensitive equality on a text idLookup or External ID field uses.
  var ignoresCase = false
}

struct SQLTable: Sendable {
  var name: String
  var comment: String
  var columns: [SQLColumn]
  var constraints: [SQLConstraint]
  var indexes: [SQLIndex]
  var rules: [SQLRule]

  func column(named name: String) -> SQLColumn? { columns.first { $0.name == name } }
}

/// A derived-field rule with the column types its SQL needs.
struct SQLRule: Hashable, Sendable {
  var table: String
  var rule: DerivedFieldRule
  /// The type of the column the rule sets.
  var targetType: SQLColumnType
}

/// The schema the metadata describes, the same for both dialects: a table per object (sorted by
/// name), a column per field (system fields first, then the file's order).
struct SQLSchema: Sendable {
  var tables: [SQLTable]

  init(model: MetadataModel) {
    tables = model.objects.map { SQLSchema.table(for: $0, in: model) }
  }

  func table(named name: String) -> SQLTable? { tables.first { $0.name == name } }

  static func columnType(of field: FieldDefinition) -> SQLColumnType {
    let sizes = field.resolvedSizes
    switch field.type {
    case .id, .reference: return .id
    case .string, .textarea, .phone, .email, .url, .picklist, .multipicklist, .combobox, .encryptedstring:
      return .text(maxLength: sizes.length)
    case .base64: return .binary
    case .boolean: return .boolean
    case .date: return .date
    case .datetime: return .datetime
    case .time: return .time
    case .int: return sizes.digits > 9 ? .bigint : .integer
    case .long: return .bigint
    case .double, .currency, .percent: return .decimal(precision: sizes.precision, scale: sizes.scale)
    }
  }

  static func defaultValue(of field: FieldDefinition) -> SQLDefault? {
    switch field.resolvedDefault {
    case nil: return nil
    case .boolean(let flag): return .boolean(flag)
    case .number(let digits): return isPlainNumber(digits) ? .number(digits) : .text(digits)
    case .text(let text): return .text(text)
    }
  }

  /// `12`, `-3.5`, `1e6`: a number both engines read as a constant (YAML's `.inf` is not one).
  static func isPlainNumber(_ text: String) -> Bool {
    var rest = Substring(text)
    if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
    let mantissa = rest.prefix { $0.isNumber || $0 == "." }
    guard mantissa.contains(where: \.isNumber), mantissa.filter({ $0 == "." }).count <= 1 else { return false }
    rest = rest.dropFirst(mantissa.count)
    if rest.isEmpty { return true }
    guard rest.first == "e" || rest.first == "E" else { return false }
    rest = rest.dropFirst()
    if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
    return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
  }

  static func table(for object: SObjectDefinition, in model: MetadataModel) -> SQLTable {
    var columns: [SQLColumn] = []
    var constraints = [
      SQLConstraint(name: SQLDialect.objectName(object.name, "pkey"), rule: .primaryKey(column: "Id"))
    ]
    var indexes: [SQLIndex] = []
    for field in object.allFields {
      let type = columnType(of: field)
      columns.append(
        SQLColumn(
          name: field.name, type: type, isNullable: field.isNillable && field.name != "Id",
          defaultValue: defaultValue(of: field), comment: field.description ?? field.label))
      func add(_ kind: String, _ rule: SQLConstraint.Rule) {
        constraints.append(SQLConstraint(name: SQLDialect.objectName(object.name, field.name, kind), rule: rule))
      }
      switch type {
      case .id: add("id_length", .idLength(column: field.name))
      case .text(let length?): add("length", .maximumLength(column: field.name, length: length))
      case .boolean: add("boolean", .booleanValue(column: field.name))
      case .date: add("date", .isoDate(column: field.name))
      case .datetime: add("datetime", .isoDateTime(column: field.name))
      case .time: add("time", .isoTime(column: field.name))
      default: break
      }
      if let values = field.allowedValues(in: .storedRow) {
        if field.type == .multipicklist {
          add("values", .allowedMultipleValues(column: field.name, values: values))
        } else {
          add("values", .allowedValues(column: field.name, values: values))
        }
      }
      let sizes = field.resolvedSizes
      if sizes.digits > 0 {
        add("digits", .wholeDigits(column: field.name, digits: sizes.digits, isInteger: true))
      } else if sizes.precision > 0 {
        add("digits", .wholeDigits(column: field.name, digits: sizes.precision - sizes.scale, isInteger: false))
      }
      if let reference = field.reference {
        if field.requiresKnownKeyPrefix(in: .storedRow) {
          let prefixes = Set(reference.resolvedTargets.compactMap(\.keyPrefix)).sorted()
          add("key_prefix", .keyPrefix(column: field.name, prefixes: prefixes))
        } else if let target = reference.targets.first {
          add("fkey", .foreignKey(column: field.name, table: target, onDelete: deleteAction(for: field)))
        }
      }
      if field.name != "Id", field.isIDLookup || field.isExternalID || field.reference != nil {
        indexes.append(
          SQLIndex(
            name: SQLDialect.objectName(object.name, field.name, "idx"), column: field.name,
            isUnique: field.has(.unique)))
        if case .text = type, field.isIDLookup || field.isExternalID {
          indexes.append(
            SQLIndex(
              name: SQLDialect.objectName(object.name, field.name, "ci_idx"), column: field.name, isUnique: false,
              ignoresCase: true))
        }
      }
    }
    for rule in object.crossFieldRules {
      constraints.append(
        SQLConstraint(
          name: SQLDialect.objectName(object.name, rule.primaryField, rule.kind.rawValue), rule: .crossField(rule)))
    }
    // The loader has checked that every rule's field exists.
    let fieldsByName = Dictionary(object.allFields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let rules = object.rules.map { rule in
      SQLRule(
        table: object.name, rule: rule,
        targetType: fieldsByName[rule.field].map(columnType(of:)) ?? .text(maxLength: nil))
    }
    return SQLTable(
      name: object.name, comment: object.description ?? object.label, columns: columns, constraints: constraints,
      indexes: indexes, rules: rules)
  }

  /// Cascade and restricted delete as the field says; master-detail children go with their parent;
  /// a nillable lookup is cleared, as Salesforce clears lookups to deleted records.
  static func deleteAction(for field: FieldDefinition) -> SQLDeleteAction {
    if field.has(.cascadeDelete) || field.reference?.effectiveRelationshipType == .masterDetail { return .cascade }
    if field.has(.restrictedDelete) { return .restrict }
    return field.isNillable ? .setNull : .noAction
  }
}

extension FieldDefinition {
  /// The type of the field's column in the generated tables (what the local server binds and reads).
  public var sqlColumnType: SQLColumnType { SQLSchema.columnType(of: self) }
  /// What deleting the record a reference field points at does to the field's record (the local
  /// server applies it to its recycle bin as the DDL's foreign keys apply it to a physical delete).
  public var sqlDeleteAction: SQLDeleteAction { SQLSchema.deleteAction(for: self) }
}
