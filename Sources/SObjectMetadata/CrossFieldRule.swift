/// A constraint across fields of one record, held as data so that every output enforces the same
/// rule: Swift request validation, the create and update JSON Schemas, a SQL CHECK, the reference
/// page. Each kind names the fields it constrains; a new kind is a new case here, its keys in
/// `MetadataKeys.ruleKeys(for:)` and one branch per output.
public struct CrossFieldRule: Sendable, Hashable {
  public enum Kind: String, Sendable, CaseIterable {
    /// At least one of `fields` has a value ("either this field or … must have a value").
    case atLeastOneOf
  }

  public var kind: Kind
  /// The fields the rule constrains, in the metadata's order.
  public var fields: [String]
  public var description: String?
  public var location: SourceLocation?

  public init(kind: Kind, fields: [String], description: String? = nil, location: SourceLocation? = nil) {
    self.kind = kind
    self.fields = fields
    self.description = description
    self.location = location
  }

  /// The rule in one sentence, as the reference page and generated comments state it.
  public var statement: String {
    switch kind {
    case .atLeastOneOf:
      let names = fields
      let list =
        names.count <= 2
        ? names.joined(separator: " or ") : names.dropLast().joined(separator: ", ") + " or " + names.last!
      return "At least one of \(list) must have a value."
    }
  }

  /// The name of the SQL CHECK and the field a refusal names: the first field.
  public var primaryField: String { fields[0] }
}

/// Every kind of rule the `rules:` section holds.
public enum RuleKind: String, Sendable, CaseIterable {
  case valueMap
  case duration
  case currentTimeWhenTrue
  case atLeastOneOf

  /// The derived-field kind, or nil for a cross-field constraint.
  public var derived: DerivedFieldRule.Kind? { DerivedFieldRule.Kind(rawValue: rawValue) }
  public var crossField: CrossFieldRule.Kind? { CrossFieldRule.Kind(rawValue: rawValue) }
}

/// One entry of an object's `rules:`.
public enum ObjectRule: Sendable, Hashable {
  case derived(DerivedFieldRule)
  case crossField(CrossFieldRule)
}
