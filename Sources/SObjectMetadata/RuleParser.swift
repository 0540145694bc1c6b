import Yams

/// Reads one rule (derived-field or cross-field) and checks that every field and value it names exists.
struct RuleParser {
  let sink: DiagnosticSink
  let object: SObjectDefinition

  func read(_ node: Node) -> ObjectRule? {
    let what = "a rule"
    guard let reader = MappingReader(node, what: what, allowedKeys: MetadataKeys.rule, sink: sink)
    else { return nil }
    let kind =
      reader.require("kind", in: what) != nil
      ? reader.enumeration("kind", as: RuleKind.self, what: what) : nil
    guard let kind else { return nil }
    let allowed = Set(["kind", "description"] + MetadataKeys.ruleKeys(for: kind))
    for (key, keyNode, _) in reader.pairs where !allowed.contains(key) {
      sink.error("'\(key)' does not apply to a \(kind.rawValue) rule", at: keyNode)
    }
    if let crossField = kind.crossField {
      return readCrossField(reader, kind: crossField, node: node).map(ObjectRule.crossField)
    }
    guard let fieldName = reader.string("field", required: true, in: what) else { return nil }
    let target = field(fieldName, key: "field", reader: reader)

    let computation: DerivedFieldRule.Computation?
    switch kind.derived {
    case .valueMap?:
      computation = readValueMap(reader, target: target)
    case .duration?:
      computation = readDuration(reader, target: target)
    case .currentTimeWhenTrue?:
      computation = readCurrentTime(reader, target: target)
    case nil:
      computation = nil
    }
    guard let computation, target != nil else { return nil }
    return .derived(
      DerivedFieldRule(
        field: fieldName, computation: computation,
        description: reader.string("description", in: what),
        location: sink.location(of: node)))
  }

  /// A constraint across fields: two or more distinct fields of the object, each one a request
  /// can set or clear (a field no request writes cannot satisfy it).
  private func readCrossField(_ reader: MappingReader, kind: CrossFieldRule.Kind, node: Node) -> CrossFieldRule? {
    guard reader.require("fields", in: "the \(kind.rawValue) rule") != nil, let list = reader.stringList("fields")
    else { return nil }
    var names: [String] = []
    var valid = true
    for (name, itemNode) in list {
      if names.contains(name) {
        sink.error("'\(name)' is listed twice in the rule's fields", at: itemNode)
        valid = false
        continue
      }
      names.append(name)
      let fields = object.allFields
      guard let field = fields.first(where: { $0.name == name }) else {
        sink.error(
          "rule names unknown field '\(name)' in 'fields'\(Spelling.hint(for: name, among: fields.map(\.name)))",
          at: itemNode)
        valid = false
        continue
      }
      if !field.isNillable {
        sink.error(
          "an \(kind.rawValue) rule constrains nillable fields; '\(name)' always has a value", at: itemNode)
        valid = false
      }
    }
    if names.count < 2 {
      sink.error("an \(kind.rawValue) rule names at least two fields", at: reader["fields"])
      valid = false
    }
    guard valid else { return nil }
    return CrossFieldRule(
      kind: kind, fields: names, description: reader.string("description", in: "the rule"),
      location: sink.location(of: node))
  }

  /// The named field of the object, or nil after reporting it unknown.
  private func field(_ name: String, key: String, reader: MappingReader) -> FieldDefinition? {
    let fields = object.allFields
    if let field = fields.first(where: { $0.name == name }) { return field }
    sink.error(
      "rule names unknown field '\(name)' in '\(key)'\(Spelling.hint(for: name, among: fields.map(\.name)))",
      at: reader[key])
    return nil
  }

  private func requiredField(_ key: String, reader: MappingReader) -> FieldDefinition? {
    guard let name = reader.string(key, required: true, in: "the rule") else { return nil }
    return field(name, key: key, reader: reader)
  }

  private func readValueMap(_ reader: MappingReader, target: FieldDefinition?) -> DerivedFieldRule.Computation? {
    let source = requiredField("source", reader: reader)
    if let source, source.picklist == nil {
      sink.error(
        "the source of a valueMap rule must be a picklist; '\(source.name)' is \(source.type.rawValue)",
        at: reader["source"])
    }
    if let target, target.picklist == nil, !target.type.hasLength {
      sink.error(
        "a valueMap rule sets a picklist or text field; '\(target.name)' is \(target.type.rawValue)",
        at: reader["field"])
    }
    guard let mapNode = reader.require("map", in: "the valueMap rule") else { return nil }
    guard let mapping = mapNode.mapping else {
      sink.error("'map' must be a mapping from source value to target value, found \(mapNode.kindName)", at: mapNode)
      return nil
    }
    var pairs: [DerivedFieldRule.ValueMapping] = []
    for (keyNode, valueNode) in mapping {
      guard let from = MappingReader.string(keyNode, key: "map", sink: sink),
        let to = MappingReader.string(valueNode, key: "map", sink: sink)
      else { continue }
      if let picklist = source?.picklist, !picklist.contains(from) {
        sink.error(
          "rule maps unknown value '\(from)' of '\(source!.name)'\(Spelling.hint(for: from, among: picklist.values.map(\.value)))",
          at: keyNode)
      }
      if let picklist = target?.picklist, !picklist.contains(to) {
        sink.error(
          "rule sets '\(target!.name)' to unknown value '\(to)'\(Spelling.hint(for: to, among: picklist.values.map(\.value)))",
          at: valueNode)
      }
      pairs.append(.init(from: from, to: to))
    }
    guard let source else { return nil }
    return .valueMap(source: source.name, mapping: pairs)
  }

  private func readDuration(_ reader: MappingReader, target: FieldDefinition?) -> DerivedFieldRule.Computation? {
    let start = requiredField("start", reader: reader)
    let end = requiredField("end", reader: reader)
    for (key, field) in [("start", start), ("end", end)] {
      if let field, field.type != .datetime && field.type != .date {
        sink.error(
          "'\(key)' of a duration rule must be a date or datetime field; '\(field.name)' is \(field.type.rawValue)",
          at: reader[key])
      }
    }
    if let target, ![.string, .int, .long, .double].contains(target.type) {
      sink.error(
        "a duration rule sets a string or number field; '\(target.name)' is \(target.type.rawValue)",
        at: reader["field"])
    }
    let unit =
      reader.require("unit", in: "the duration rule") != nil
      ? reader.enumeration("unit", as: DerivedFieldRule.DurationUnit.self, what: "the rule") : nil
    guard let start, let end, let unit else { return nil }
    return .duration(start: start.name, end: end.name, unit: unit)
  }

  private func readCurrentTime(_ reader: MappingReader, target: FieldDefinition?) -> DerivedFieldRule.Computation? {
    let trigger = requiredField("trigger", reader: reader)
    if let trigger, trigger.type != .boolean {
      sink.error(
        "the trigger of a currentTimeWhenTrue rule must be a boolean field; '\(trigger.name)' is \(trigger.type.rawValue)",
        at: reader["trigger"])
    }
    if let target, target.type != .datetime {
      sink.error(
        "a currentTimeWhenTrue rule sets a datetime field; '\(target.name)' is \(target.type.rawValue)",
        at: reader["field"])
    }
    guard let trigger else { return nil }
    return .currentTimeWhenTrue(trigger: trigger.name)
  }
}
