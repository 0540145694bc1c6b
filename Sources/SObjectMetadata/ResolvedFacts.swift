import Dispatch

/// What each field means to every output, decided here once: the emitters (Swift, JSON Schema,
/// SQL, describe, layouts, reference pages) and the runtime read these facts and recompute none of
/// them. docs/metadata-format.md ("How outputs read a field") gives each decision and its reason.
///
/// The one principle behind the value policies: a record *read* from the API may hold what the org
/// has grown beyond the metadata (values an admin added to an extensible picklist, IDs of objects a
/// polymorphic field gained); what the project *writes* (create and update bodies, stored rows)
/// must be what the metadata lists.

/// Where a value is judged.
public enum ValueContext: String, Sendable, CaseIterable {
  /// A record as the REST API returns it (record JSON Schema, Swift decoding).
  case recordRead
  /// A create or update request body (request JSON Schemas, Swift request validation).
  case request
  /// A row of the generated SQL tables.
  case storedRow
}

extension FieldDefinition {
  /// A create request must give the field: the page says "Required.", or the API can neither leave
  /// it empty nor fill it in. A checkbox never must: the API defaults it to false.
  public var isRequiredOnCreate: Bool {
    isCreateable && (isRequired || (!isNillable && !isDefaultedOnCreate && type != .boolean))
  }

  /// Whether a value may be null in the context. Records and rows: when the field is nillable. A
  /// create body: when nillable and not required on create. (An update body: when nillable; see
  /// `acceptsNullInUpdate`.)
  public func acceptsNull(in context: ValueContext, creating: Bool = false) -> Bool {
    switch context {
    case .recordRead, .storedRow: return isNillable
    case .request: return isNillable && !(creating && isRequiredOnCreate)
    }
  }

  /// The picklist values a value must be one of in the context, or nil when any text of the
  /// field's length is accepted there. Records read: the listed values (inactive ones included,
  /// old records keep them) for a closed list, any value for one the admin may extend or the API
  /// does not restrict. Requests: the active listed values of a restricted picklist (the API refuses
  /// the rest, extensible or not). Stored rows: the listed values of a restricted picklist.
  public func allowedValues(in context: ValueContext) -> [String]? {
    guard type.isPicklist, let picklist else { return nil }
    switch context {
    case .recordRead:
      return picklist.isExtensible || !picklist.isRestricted ? nil : picklist.values.map(\.value)
    case .request:
      return picklist.isRestricted ? picklist.values.filter(\.isActive).map(\.value) : nil
    case .storedRow:
      return picklist.isRestricted ? picklist.values.map(\.value) : nil
    }
  }

  /// Whether a polymorphic reference's ID must carry one of its targets' key prefixes in the
  /// context: not in records read (the field may have gained targets; Swift decodes `.unresolved`),
  /// always in requests and stored rows.
  public func requiresKnownKeyPrefix(in context: ValueContext) -> Bool {
    isPolymorphic && context != .recordRead
  }

  /// The value the API gives the field on create when a request leaves it out: the metadata's
  /// default, a picklist's default value, and false for a checkbox with neither (Salesforce's
  /// checkboxes default to false, which is why none is required on create). SQL's DEFAULT and
  /// describe's `defaultValue` are this value.
  public var resolvedDefault: FieldValue? {
    if let defaultValue { return defaultValue }
    if let value = picklist?.defaultValue { return .text(value.value) }
    return type == .boolean ? .boolean(false) : nil
  }

  /// The field's sizes with the type's defaults applied: what describe reports, SQL stores and
  /// schemas and request validation check.
  public var resolvedSizes: ResolvedSizes { ResolvedSizes(self) }

  /// The relationship name the API uses (describe's `relationshipName`, the key of a parent record
  /// nested in a query result): the metadata's, with `__r` for a custom field.
  public var apiRelationshipName: String? {
    guard type == .reference, let reference else { return nil }
    if name.hasSuffix("__c"), !reference.relationshipName.hasSuffix("__r") {
      return reference.relationshipName + "__r"
    }
    return reference.relationshipName
  }
}

/// A field's sizes as every output uses them; 0 where a size does not apply to the type.
public struct ResolvedSizes: Sendable, Hashable {
  /// Characters: text and picklist types (default per type), 18 for IDs and references.
  public var length = 0
  /// Digits of an `int` or `long`.
  public var digits = 0
  /// Digits in all, and after the point, of a `double`, `currency` or `percent`.
  public var precision = 0
  public var scale = 0

  init(_ field: FieldDefinition) {
    let type = field.type
    switch type {
    case .id, .reference: length = 18
    case _ where type.hasLength: length = field.length ?? type.defaultLength ?? 0
    case _ where type.hasDigits: digits = field.digits ?? type.defaultDigits ?? 0
    case _ where type.hasPrecisionAndScale:
      precision = field.precision ?? type.defaultPrecision ?? 0
      scale = field.scale ?? type.defaultScale ?? 0
    default: break
    }
  }

  /// The largest whole number a value may reach in absolute value (`int`/`long`: 10^digits - 1),
  /// as decimal digits; nil where the type has no digit limit.
  public var maximumWholeNumber: String? {
    digits > 0 ? String(repeating: "9", count: digits) : nil
  }
}

/// A target of a reference field, with the key prefix its IDs start with.
public struct ResolvedTarget: Sendable, Hashable {
  public var object: String
  public var keyPrefix: String?

  public init(object: String, keyPrefix: String?) {
    self.object = object
    self.keyPrefix = keyPrefix
  }
}

extension SObjectDefinition {
  /// The rules a field takes part in: those that set it, read it, or constrain it.
  public func rules(involving field: String) -> [ObjectRule] {
    rules.filter { $0.field == field || $0.inputs.contains(field) }.map(ObjectRule.derived)
      + crossFieldRules.filter { $0.fields.contains(field) }.map(ObjectRule.crossField)
  }
}

/// The resolution step: facts that need more than one object (reference targets' key prefixes),
/// computed once when the model is built.
enum Resolution {
  /// The objects with their facts resolved, in the same order. Each object is resolved on its own,
  /// on every core, in place: an object whose fields are held only here is changed without a copy
  /// (`MetadataLoader` hands them over so).
  static func resolve(_ objects: consuming [SObjectDefinition]) -> [SObjectDefinition] {
    var objects = objects
    var prefixes: [String: String] = [:]
    for object in objects { prefixes[object.name] = object.keyPrefix }
    let lookup = prefixes
    let count = objects.count
    objects.withUnsafeMutableBufferPointer { buffer in
      let slots = Slots(base: buffer.baseAddress)
      DispatchQueue.concurrentPerform(iterations: count) { index in
        resolve(&slots.base!.advanced(by: index).pointee, prefixes: lookup)
      }
    }
    return objects
  }

  private static func resolve(_ object: inout SObjectDefinition, prefixes: [String: String]) {
    // Through the buffer, each field's reference is read and changed where it lies, the field not copied.
    object.fields.withUnsafeMutableBufferPointer { fields in
      for index in fields.indices where fields[index].reference != nil {
        fields[index].reference!.resolvedTargets = fields[index].reference!.targets.sorted().map {
          ResolvedTarget(object: $0, keyPrefix: prefixes[$0])
        }
      }
    }
  }

  /// The objects' storage, each slot changed by one iteration only.
  private struct Slots: @unchecked Sendable {
    var base: UnsafeMutablePointer<SObjectDefinition>?
  }
}
