import Foundation
import Yams

/// One metadata file: its path as diagnostics show it, and its text.
public struct MetadataFile: Sendable {
  /// The path diagnostics print, as the user named the metadata folder.
  public var path: String
  /// The path relative to the metadata folder (`objects/Interaction.yaml`), which outputs name
  /// so that they do not depend on where the metadata folder is.
  public var relativePath: String
  public var contents: String

  public init(path: String, relativePath: String? = nil, contents: String) {
    self.path = path
    self.relativePath = relativePath ?? Self.relativePath(ofFileNamed: PathText.lastComponent(of: path))
    self.contents = contents
  }

  /// The path, relative to the metadata folder, of the object file named `name` (`Interaction.yaml`).
  public static func relativePath(ofFileNamed name: String) -> String { "\(MetadataLoader.objectsFolder)/\(name)" }
}

extension MetadataFile {
  /// What a file's path tells: its stem (the object it must define) and its path relative to the
  /// metadata folder.
  struct Name {
    var stem: String
    var relativePath: String

    init(path: String) {
      let last = PathText.lastComponent(of: path)
      stem = PathText.stem(of: last)
      relativePath = MetadataFile.relativePath(ofFileNamed: last)
    }
  }
}

/// An object read from one file, with what the checks across files need to point at.
struct ParsedObject {
  var definition: SObjectDefinition
  var nameLocation: SourceLocation?
  var keyPrefixLocation: SourceLocation?
  /// Per reference field, each target with where it is written.
  var referenceTargets: [(field: String, target: String, location: SourceLocation?)]

  /// What the checks across files read of it.
  var outline: ObjectOutline {
    ObjectOutline(
      name: definition.name, keyPrefix: definition.keyPrefix, sourceFile: definition.sourceFile,
      fieldCount: definition.fields.count, nameLocation: nameLocation, keyPrefixLocation: keyPrefixLocation,
      referenceTargets: referenceTargets)
  }
}

/// What the checks across files need of an object read from one file: its name, key prefix and
/// references with where each is written, and no more, so that `validate` need not keep every
/// object's fields while the other files are read.
struct ObjectOutline {
  var name: String
  var keyPrefix: String?
  /// The metadata file, relative to the metadata folder (`objects/Interaction.yaml`).
  var sourceFile: String
  /// The fields the file declares (system fields not included).
  var fieldCount: Int
  var nameLocation: SourceLocation?
  var keyPrefixLocation: SourceLocation?
  /// Per reference field, each target with where it is written.
  var referenceTargets: [(field: String, target: String, location: SourceLocation?)]
}

/// Reads one object file into an `SObjectDefinition`, checking everything that one file can tell.
struct ObjectFileParser {
  let file: MetadataFile
  let sink: DiagnosticSink

  init(file: MetadataFile) {
    self.file = file
    self.sink = DiagnosticSink(file: file.path)
  }

  func parse() -> (ParsedObject?, [Diagnostic]) {
    guard let root = compose() else { return (nil, sink.diagnostics) }
    let parsed = readObject(root)
    return (parsed, sink.diagnostics)
  }

  // MARK: - YAML

  /// The preflight (`YAMLPreflight`) is a second pass of libyaml over the file, as long as composing:
  /// it runs first only when the file may hold an alias (a `*` anywhere), which composing must never
  /// see. Otherwise the file is composed at once, and the preflight runs only when composing fails
  /// or the tree repeats a key (`repeatsAKey`), so that its diagnostics are exactly those of a
  /// preflight run first.
  private func compose() -> Node? {
    let mayHoldAlias = contains("*")
    if mayHoldAlias, reportPreflightProblems() { return nil }
    do {
      // The encoding given: Yams's default reads the process's environment for every file.
      guard let root = try Yams.compose(yaml: file.contents, Resolver.basic, .default, .utf8) else {
        sink.error(
          "the file is empty; expected an object definition", at: SourceLocation(file: file.path, line: 1, column: 1))
        return nil
      }
      // Walking the tree costs as much as a tenth of composing it; only a tag can hide a repeated key.
      if !mayHoldAlias, contains("!"), root.repeatsAKey, reportPreflightProblems() { return nil }
      return root
    } catch let error as YamlError {
      if !mayHoldAlias, reportPreflightProblems() { return nil }
      // libyaml's message for a tab in indentation is cryptic; say what it is.
      if !reportTabIndentation() { report(error) }
      return nil
    } catch {
      sink.error("cannot read YAML: \(error)", at: SourceLocation(file: file.path, line: 1, column: 1))
      return nil
    }
  }

  /// Whether the file holds an ASCII character, found by `memchr` (`utf8.contains` goes byte by byte).
  private func contains(_ character: Unicode.Scalar) -> Bool {
    let byte = UInt8(ascii: character)
    return file.contents.utf8.withContiguousStorageIfAvailable { bytes in
      bytes.baseAddress.map { memchr($0, Int32(byte), bytes.count) != nil } ?? false
    } ?? file.contents.utf8.contains(byte)
  }

  /// Runs the preflight and reports its problems; whether there were any.
  private func reportPreflightProblems() -> Bool {
    let preflight = YAMLPreflight.problems(in: file.contents)
    for problem in preflight {
      sink.error(problem.message, at: SourceLocation(file: file.path, line: problem.line, column: problem.column))
    }
    return !preflight.isEmpty
  }

  /// YAML forbids tabs in indentation; reports each line indented with one. Lines end at LF, CR
  /// LF or CR; the content of block scalars (`|`, `>`), where a tab after the indentation is text,
  /// is skipped.
  private func reportTabIndentation() -> Bool {
    var found = false
    var blockIndent: Int?  // the indentation of the line that opened a block scalar
    for (index, line) in ObjectFileParser.lines(of: file.contents).enumerated() {
      let scalars = Array(line)
      let spaces = scalars.prefix { $0 == " " }.count
      let isBlank = scalars.allSatisfy { $0 == " " || $0 == "\t" }
      if let indent = blockIndent {
        if isBlank || spaces > indent { continue }
        blockIndent = nil
      }
      if !isBlank, scalars[spaces] == "\t" {
        sink.error(
          "tab character in indentation; YAML indents with spaces only",
          at: SourceLocation(file: file.path, line: index + 1, column: spaces + 1))
        found = true
        continue
      }
      if ObjectFileParser.opensBlockScalar(line) { blockIndent = spaces }
    }
    return found
  }

  /// The lines of a text, ending at LF, CR LF or CR, as YAML counts them.
  static func lines(of text: String) -> [Substring.UnicodeScalarView] {
    var lines: [Substring.UnicodeScalarView] = []
    let scalars = Substring(text).unicodeScalars
    var start = scalars.startIndex
    var index = start
    while index < scalars.endIndex {
      let scalar = scalars[index]
      if scalar == "\n" || scalar == "\r" {
        lines.append(scalars[start..<index])
        var next = scalars.index(after: index)
        if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
        start = next
        index = next
      } else {
        index = scalars.index(after: index)
      }
    }
    lines.append(scalars[start..<scalars.endIndex])
    return lines
  }

  /// Whether a line ends with a block scalar indicator (`key: |`, `- >-`, `key: |2 # note`).
  static func opensBlockScalar(_ line: Substring.UnicodeScalarView) -> Bool {
    var text = String(String.UnicodeScalarView(line))
    if let hash = text.range(of: " #") { text = String(text[..<hash.lowerBound]) }
    text = text.trimmingCharacters(in: .whitespaces)
    guard let indicator = text.lastIndex(where: { $0 == "|" || $0 == ">" }) else { return false }
    let after = text[text.index(after: indicator)...]
    guard after.allSatisfy({ $0 == "-" || $0 == "+" || $0.isASCIIDigit }) else { return false }
    let before = text[..<indicator]
    return before.isEmpty || before.hasSuffix(": ") || before.hasSuffix("- ") || before == "-" || before.hasSuffix(":")
  }

  /// Line and column (1-based, columns in Unicode scalars) of a character offset into the file.
  func location(ofCharacterOffset offset: Int) -> SourceLocation {
    var line = 1
    var column = 1
    for character in file.contents.prefix(offset) {
      if character == "\n" || character == "\r\n" || character == "\r" {
        line += 1
        column = 1
      } else {
        column += character.unicodeScalars.count
      }
    }
    return SourceLocation(file: file.path, line: line, column: column)
  }

  private func report(_ error: YamlError) {
    func at(_ mark: Mark) -> SourceLocation {
      SourceLocation(file: file.path, line: mark.line, column: mark.column)
    }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var message = "YAML syntax error: \(problem)"
      if let context {
        message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
      }
      if problem.hasPrefix("mapping values are not allowed") {
        message +=
          "; check this line's indentation, and quote a value that holds ': ' (description: \"Note: it works\")"
      }
      sink.error(message, at: at(mark))
    case .duplicatedKeysInMapping(let duplicates, let context):
      for key in duplicates {
        let first = context.mark
        let repeated = locateRepeatedKey(key, after: first) ?? at(first)
        sink.error(
          "duplicate key '\(key)' (first given at line \(first.line), column \(first.column))",
          at: repeated)
      }
    case .reader(let problem, let offset, let value, _):
      let character = value >= 0 ? String(format: " (U+%04X)", value) : ""
      sink.error(
        "cannot read the file: \(problem)\(character)",
        at: offset.map(location(ofCharacterOffset:)) ?? SourceLocation(file: file.path, line: 1, column: 1))
    default:
      sink.error("cannot read YAML: \(error)", at: SourceLocation(file: file.path, line: 1, column: 1))
    }
  }

  /// Yams reports a duplicate key at its first occurrence; editors want the repeated one.
  /// It is the next key at the same indentation with the same name, in the same block mapping.
  private func locateRepeatedKey(_ key: String, after first: Mark) -> SourceLocation? {
    let lines = file.contents.split(separator: "\n", omittingEmptySubsequences: false)
    let indent = first.column - 1
    guard first.line < lines.count else { return nil }
    for index in first.line..<lines.count {
      let line = lines[index]
      let leading = line.prefix { $0 == " " }.count
      let rest = line.dropFirst(leading)
      if rest.isEmpty || rest.hasPrefix("#") { continue }
      if leading < indent { return nil }
      if leading == indent {
        for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate + ":") {
          return SourceLocation(file: file.path, line: index + 1, column: leading + 1)
        }
      }
    }
    return nil
  }

  // MARK: - Object

  private func readObject(_ root: Node) -> ParsedObject? {
    guard
      let reader = MappingReader(
        root, what: "an object definition", allowedKeys: MetadataKeys.object, sink: sink)
    else { return nil }
    let what = "the object"
    let name = reader.string("name", required: true, in: what)
    if let name, let node = reader["name"] {
      checkAPIName(name, what: "object", at: node)
      let stem = MetadataFile.Name(path: file.path).stem
      if stem != name {
        sink.error("object '\(name)' is defined in '\(stem).yaml'; name the file '\(name).yaml'", at: node)
      }
    }
    let label = reader.string("label", required: true, in: what)
    let pluralLabel = reader.string("pluralLabel", required: true, in: what)
    let keyPrefix = reader.string("keyPrefix", in: what)
    if let keyPrefix, let node = reader["keyPrefix"],
      keyPrefix.count != 3 || !keyPrefix.allSatisfy({ $0.isASCIIDigit || $0.isASCIILetter })
    {
      sink.error("key prefix '\(keyPrefix)' must be three letters or digits, like \"001\"", at: node)
    }
    let since = reader.version("since")
    let supportedCalls = readSupportedCalls(reader)
    let associatedObjects = (reader.list("associatedObjects") ?? []).compactMap(readAssociatedObject)
    let recordTypes = readRecordTypes(reader)

    var fields: [FieldDefinition] = []
    var referenceTargets: [(String, String, SourceLocation?)] = []
    if let fieldsNode = reader["fields"] {
      if let mapping = fieldsNode.mapping {
        var seen: [String: Node] = [:]
        for (keyNode, value) in mapping {
          guard let fieldName = keyNode.scalar?.string else {
            sink.error("field names must be plain names", at: keyNode)
            continue
          }
          if let previous = seen[fieldName.lowercased()] {
            let where_ = sink.location(of: previous).map { " (first defined at line \($0.line))" } ?? ""
            sink.error(
              "duplicate field '\(fieldName)'; API names are case-insensitive\(where_)", at: keyNode)
            continue
          }
          seen[fieldName.lowercased()] = keyNode
          if fieldName.lowercased() == "attributes" {
            sink.error(
              "a field cannot be named '\(fieldName)': records as the REST API returns them hold their type and URL under 'attributes'",
              at: keyNode)
            continue
          }
          if SystemFields.isSystemField(fieldName) {
            sink.error(
              "'\(fieldName)' is a system field every object has; remove it from the metadata",
              at: keyNode)
            continue
          }
          checkAPIName(fieldName, what: "field", at: keyNode)
          if let (field, targets) = readField(named: fieldName, keyNode: keyNode, value, objectSince: since) {
            fields.append(field)
            referenceTargets += targets.map { (fieldName, $0.0, $0.1) }
          }
        }
      } else {
        sink.error(
          "'fields' must be a mapping from field API name to field, found \(fieldsNode.kindName)", at: fieldsNode)
      }
    }
    checkNameFields(fields)
    if let mapping = reader["fields"]?.mapping { checkUniqueRelationshipNames(mapping) }

    var object = SObjectDefinition(
      name: name ?? "", label: label ?? "", pluralLabel: pluralLabel ?? "",
      description: reader.string("description", in: what), keyPrefix: keyPrefix, since: since,
      supportedCalls: supportedCalls,
      specialAccessRules: reader.string("specialAccessRules", allowEmpty: true, in: what),
      usage: reader.string("usage", in: what), associatedObjects: associatedObjects,
      recordTypes: recordTypes, layouts: [], fields: fields, rules: [],
      sourceFile: file.relativePath)
    object.layouts = (reader.list("layouts") ?? []).compactMap { readLayout($0, object: object) }
    checkUniqueLayoutNames(object.layouts, nodes: reader.list("layouts") ?? [])
    (object.rules, object.crossFieldRules) = readRules(reader.list("rules") ?? [], object: object)

    guard name != nil, label != nil, pluralLabel != nil else { return nil }
    return ParsedObject(
      definition: object, nameLocation: reader.location("name"),
      keyPrefixLocation: reader["keyPrefix"].flatMap(sink.location(of:)),
      referenceTargets: referenceTargets)
  }

  private func readSupportedCalls(_ reader: MappingReader) -> [SupportedCall] {
    var calls: [SupportedCall] = []
    for (text, node) in reader.stringList("supportedCalls") ?? [] {
      let bare = text.hasSuffix("()") ? String(text.dropLast(2)) : text
      guard let call = SupportedCall(rawValue: bare) else {
        let names = SupportedCall.allCases.map(\.rawValue)
        sink.error("unknown supported call '\(text)'\(Spelling.hint(for: bare, among: names))", at: node)
        continue
      }
      if calls.contains(call) {
        sink.error("supported call '\(bare)' is listed twice", at: node)
        continue
      }
      calls.append(call)
    }
    return calls
  }

  private func readAssociatedObject(_ node: Node) -> AssociatedObject? {
    if node.scalar != nil {
      guard let name = MappingReader.string(node, key: "associatedObjects", sink: sink) else { return nil }
      checkAPIName(name, what: "associated object", at: node)
      return AssociatedObject(name: name)
    }
    guard
      let reader = MappingReader(
        node, what: "an associated object", allowedKeys: MetadataKeys.associatedObject, sink: sink),
      let name = reader.string("name", required: true, in: "an associated object")
    else { return nil }
    if let nameNode = reader["name"] { checkAPIName(name, what: "associated object", at: nameNode) }
    return AssociatedObject(
      name: name, description: reader.string("description", in: "an associated object"),
      since: reader.version("since"))
  }

  private func readRecordTypes(_ reader: MappingReader) -> [RecordTypeDefinition] {
    var recordTypes: [RecordTypeDefinition] = []
    for node in reader.list("recordTypes") ?? [] {
      let what = "a record type"
      guard
        let rt = MappingReader(node, what: what, allowedKeys: MetadataKeys.recordType, sink: sink),
        let developerName = rt.string("developerName", required: true, in: what),
        let label = rt.string("label", required: true, in: what)
      else { continue }
      if let nameNode = rt["developerName"] {
        checkAPIName(developerName, what: "record type", at: nameNode)
        if developerName == "Master" {
          sink.error("the Master record type is implicit; do not declare it", at: nameNode)
        }
        if recordTypes.contains(where: { $0.developerName.lowercased() == developerName.lowercased() }) {
          sink.error("duplicate record type '\(developerName)'", at: nameNode)
          continue
        }
      }
      let id = rt.string("id", in: what)
      if let id, let idNode = rt["id"], !(id.count == 15 || id.count == 18) || !id.hasPrefix("012") {
        sink.error("record type id '\(id)' must be a 15- or 18-character ID starting with 012", at: idNode)
      }
      recordTypes.append(
        RecordTypeDefinition(
          developerName: developerName, label: label, id: id,
          description: rt.string("description", in: what), isActive: rt.bool("active") ?? true,
          isDefault: rt.bool("default") ?? false))
    }
    if recordTypes.filter(\.isDefault).count > 1, let node = reader["recordTypes"] {
      sink.error("more than one record type is marked default", at: node)
    }
    return recordTypes
  }

  // MARK: - Fields

  private func readField(
    named name: String, keyNode: Node, _ node: Node, objectSince: APIVersion?
  ) -> (FieldDefinition, [(String, SourceLocation?)])? {
    let what = "field '\(name)'"
    guard let reader = MappingReader(node, what: what, allowedKeys: MetadataKeys.field, sink: sink)
    else { return nil }
    let type =
      reader.require("type", in: what) != nil
      ? reader.enumeration("type", as: FieldType.self, what: what) : nil
    var properties: Set<FieldProperty> = []
    var propertyNodes: [FieldProperty: Node] = [:]
    if reader.require("properties", in: what) != nil {
      for (text, propertyNode) in reader.stringList("properties") ?? [] {
        guard let property = FieldProperty(rawValue: text) else {
          let names = FieldProperty.allCases.map(\.rawValue)
          sink.error("unknown property '\(text)'\(Spelling.hint(for: text, among: names))", at: propertyNode)
          continue
        }
        if properties.contains(property) {
          sink.error("property '\(text)' is listed twice", at: propertyNode)
        }
        properties.insert(property)
        propertyNodes[property] = propertyNode
      }
    }
    let since = reader.version("since")
    if let since, let objectSince, since < objectSince, let sinceNode = reader["since"] {
      sink.error(
        "field '\(name)' is said to be available from API version \(since), before its object (\(objectSince))",
        at: sinceNode)
    }

    var field = FieldDefinition(
      name: name, label: reader.string("label", in: what) ?? FieldLabels.label(forAPIName: name),
      type: type ?? .string, properties: properties,
      description: reader.string("description", in: what),
      isRequired: reader.bool("required") ?? false, isReadOnly: reader.bool("readOnly") ?? false,
      since: since, isNameField: reader.bool("nameField") ?? (name == "Name"),
      location: sink.location(of: keyNode))
    guard let type else { return nil }

    readSizes(reader, type: type, into: &field, what: what)
    readPicklist(reader, type: type, into: &field, propertyNodes: propertyNodes)
    let targets = readReference(reader, type: type, into: &field, what: what)
    readDefault(reader, type: type, into: &field)
    checkContradictions(field, reader: reader, propertyNodes: propertyNodes, keyNode: keyNode)
    return (field, targets)
  }

  private func readSizes(_ reader: MappingReader, type: FieldType, into field: inout FieldDefinition, what: String) {
    let limits: ClosedRange<Int> = {
      switch type {
      case .string, .combobox, .picklist, .url: return 1...255
      case .phone: return 1...40
      case .email: return 1...80
      case .encryptedstring: return 1...175
      case .multipicklist: return 1...4099
      case .textarea: return 1...131_072
      default: return 1...32_000_000
      }
    }()
    for key in ["length", "precision", "scale", "digits"] where reader[key] != nil {
      let allowed: Bool
      switch key {
      case "length": allowed = type.hasLength
      case "digits": allowed = type.hasDigits
      default: allowed = type.hasPrecisionAndScale
      }
      if !allowed, let node = reader.keyNode(key) {
        sink.error("'\(key)' does not apply to a \(type.rawValue) field", at: node)
      }
    }
    if type.hasLength { field.length = reader.integer("length", in: limits) ?? type.defaultLength }
    if type == .id || type == .reference { field.length = 18 }
    if type.hasDigits { field.digits = reader.integer("digits", in: 1...18) ?? type.defaultDigits }
    if type.hasPrecisionAndScale {
      field.precision = reader.integer("precision", in: 1...18) ?? type.defaultPrecision
      field.scale = reader.integer("scale", in: 0...18) ?? type.defaultScale
      if let precision = field.precision, let scale = field.scale, scale > precision,
        let node = reader["scale"]
      {
        sink.error("scale \(scale) is larger than the precision \(precision)", at: node)
      }
    }
  }

  private func readPicklist(
    _ reader: MappingReader, type: FieldType, into field: inout FieldDefinition,
    propertyNodes: [FieldProperty: Node]
  ) {
    let isRestricted = field.has(.restrictedPicklist)
    guard type.isPicklist else {
      for key in ["values", "extensible"] {
        if let node = reader.keyNode(key) {
          sink.error("'\(key)' applies to picklist fields only, not to \(type.rawValue)", at: node)
        }
      }
      if let node = propertyNodes[.restrictedPicklist] {
        sink.error("'Restricted picklist' applies to picklist fields only, not to \(type.rawValue)", at: node)
      }
      return
    }
    var values: [PicklistValue] = []
    var seen: Set<String> = []
    if reader.require("values", in: "picklist field '\(field.name)'") != nil {
      for node in reader.list("values") ?? [] {
        guard let value = readPicklistValue(node) else { continue }
        if !seen.insert(value.value.lowercased()).inserted {
          sink.error("duplicate picklist value '\(value.value)'", at: node)
          continue
        }
        values.append(value)
      }
      if values.isEmpty, let node = reader["values"], node.sequence?.isEmpty == true {
        sink.error("picklist field '\(field.name)' has no values", at: node)
      }
    }
    field.picklist = PicklistDefinition(
      values: values, isRestricted: isRestricted, isExtensible: reader.bool("extensible") ?? false)
  }

  private func readPicklistValue(_ node: Node) -> PicklistValue? {
    if node.scalar != nil {
      return MappingReader.string(node, key: "values", sink: sink).map { PicklistValue(value: $0) }
    }
    let what = "a picklist value"
    guard
      let reader = MappingReader(node, what: what, allowedKeys: MetadataKeys.picklistValue, sink: sink),
      let value = reader.string("value", required: true, in: what)
    else { return nil }
    return PicklistValue(
      value: value, label: reader.string("label", in: what), isActive: reader.bool("active") ?? true)
  }

  private func readReference(
    _ reader: MappingReader, type: FieldType, into field: inout FieldDefinition, what: String
  ) -> [(String, SourceLocation?)] {
    guard type == .reference else {
      for key in ["referenceTo", "relationshipName", "relationshipType"] {
        if let node = reader.keyNode(key) {
          sink.error("'\(key)' applies to reference fields only, not to \(type.rawValue)", at: node)
        }
      }
      return []
    }
    var targets: [(String, SourceLocation?)] = []
    if reader.require("referenceTo", in: "reference field '\(field.name)'") != nil {
      for (target, node) in reader.stringList("referenceTo") ?? [] {
        if targets.contains(where: { $0.0 == target }) {
          sink.error("'\(target)' is listed twice in referenceTo", at: node)
          continue
        }
        targets.append((target, sink.location(of: node)))
      }
      if targets.isEmpty, let node = reader["referenceTo"], node.sequence?.isEmpty == true {
        sink.error("reference field '\(field.name)' has no target object in referenceTo", at: node)
      }
    }
    let relationshipName = reader.string("relationshipName", in: what)
    if reader["relationshipName"] == nil, !reader.suggestedKeys.contains("relationshipName") {
      sink.error(
        "reference field '\(field.name)' has no relationshipName (e.g. '\(FieldLabels.relationshipName(forAPIName: field.name))')",
        at: reader.node)
    } else if let relationshipName, let node = reader["relationshipName"] {
      checkAPIName(relationshipName, what: "relationship", at: node)
    }
    let relationshipType = reader.enumeration("relationshipType", as: RelationshipType.self, what: what)
    field.reference = ReferenceDefinition(
      targets: targets.map(\.0), relationshipName: relationshipName ?? "",
      relationshipType: relationshipType)
    return targets
  }

  private func readDefault(_ reader: MappingReader, type: FieldType, into field: inout FieldDefinition) {
    guard let node = reader["default"] else { return }
    switch (type, node.coreKind) {
    case (.boolean, .boolean(let flag)?):
      field.defaultValue = .boolean(flag)
    case (.boolean, _):
      sink.error("default of boolean field '\(field.name)' must be true or false", at: node)
    case (.int, .integer?), (.long, .integer?), (.double, .integer?), (.double, .float?),
      (.currency, .integer?), (.currency, .float?), (.percent, .integer?), (.percent, .float?):
      field.defaultValue = .number(node.scalar?.string ?? "")
    case (.int, _), (.long, _), (.double, _), (.currency, _), (.percent, _):
      sink.error("default of \(type.rawValue) field '\(field.name)' must be a number", at: node)
    case (_, .string?):
      let text = node.scalar?.string ?? ""
      if let picklist = field.picklist {
        if let index = picklist.values.firstIndex(where: { $0.value == text }) {
          field.picklist?.values[index].isDefault = true
        } else {
          let names = picklist.values.map(\.value)
          sink.error(
            "default '\(text)' is not among the values of picklist '\(field.name)'\(Spelling.hint(for: text, among: names))",
            at: node)
          return
        }
      }
      if type == .id || type == .reference {
        sink.error("\(type.rawValue) field '\(field.name)' cannot have a default value", at: node)
        return
      }
      if let length = field.length, text.unicodeScalars.count > length {
        sink.error(
          "default of field '\(field.name)' is \(text.unicodeScalars.count) characters long; the field's length is \(length)",
          at: node)
        return
      }
      field.defaultValue = .text(text)
    default:
      sink.error(
        "default of \(type.rawValue) field '\(field.name)' must be a string, found \(node.kindName)", at: node)
    }
  }

  private func checkContradictions(
    _ field: FieldDefinition, reader: MappingReader, propertyNodes: [FieldProperty: Node], keyNode: Node
  ) {
    func conflict(_ a: FieldProperty, _ b: FieldProperty, _ why: String) {
      if field.has(a), field.has(b), let node = propertyNodes[b] {
        sink.error("'\(a.rawValue)' contradicts '\(b.rawValue)': \(why)", at: node)
      }
    }
    conflict(.autonumber, .create, "the platform numbers the field; it cannot be set on create")
    conflict(.autonumber, .update, "the platform numbers the field; it cannot be updated")
    conflict(.autonumber, .nillable, "an auto-number always has a value")
    conflict(.calculated, .create, "a formula field cannot be set")
    conflict(.calculated, .update, "a formula field cannot be set")
    if field.has(.autonumber), field.type != .string, let node = propertyNodes[.autonumber] {
      sink.error("'Autonumber' applies to string fields only, not to \(field.type.rawValue)", at: node)
    }
    if field.has(.autonumber), let node = reader["default"] {
      sink.error("auto-number field '\(field.name)' cannot have a default value", at: node)
    }
    if field.type == .boolean, let node = propertyNodes[.nillable] {
      sink.error("boolean field '\(field.name)' cannot be 'Nillable': a checkbox is always true or false", at: node)
    }
    if field.defaultValue != nil, !field.has(.defaultedOnCreate), field.picklist == nil,
      let node = reader.keyNode("default")
    {
      sink.error(
        "field '\(field.name)' has a default value but not the property 'Defaulted on create'", at: node)
    }
    if field.has(.namePointing), field.type != .reference, let node = propertyNodes[.namePointing] {
      sink.error("'Namepointing' applies to reference fields only", at: node)
    }
    if field.has(.autonumber), field.isRequired, let node = reader.keyNode("required") {
      sink.error("auto-number field '\(field.name)' cannot be required: the platform sets it", at: node)
    }
  }

  /// A relationship name leads from a record to its parent in queries and nested records: two
  /// reference fields of one object (the system fields' `CreatedBy` and `LastModifiedBy` included)
  /// cannot share one, ignoring case as the API does.
  private func checkUniqueRelationshipNames(_ fields: Node.Mapping) {
    var seen: [String: String] = ["createdby": "CreatedById", "lastmodifiedby": "LastModifiedById"]
    for (keyNode, value) in fields {
      guard let field = keyNode.scalar?.string, let node = value.mapping?["relationshipName"],
        let name = node.scalar?.string, !name.isEmpty
      else { continue }
      if let first = seen[name.lowercased()] {
        sink.error("relationship name '\(name)' is already the relationship name of field '\(first)'", at: node)
      } else {
        seen[name.lowercased()] = field
      }
    }
  }

  private func checkNameFields(_ fields: [FieldDefinition]) {
    let marked = fields.filter(\.isNameField)
    for extra in marked.dropFirst() {
      sink.error(
        "field '\(extra.name)' is a second name field; '\(marked[0].name)' is already the name field",
        at: extra.location)
    }
  }

  // MARK: - Layouts

  private func readLayout(_ node: Node, object: SObjectDefinition) -> LayoutDefinition? {
    let what = "a layout"
    guard
      let reader = MappingReader(node, what: what, allowedKeys: MetadataKeys.layout, sink: sink),
      let name = reader.string("name", required: true, in: what)
    else { return nil }
    _ = reader.require("sections", in: "layout '\(name)'")
    var placed: [String: Node] = [:]
    let sections = (reader.list("sections") ?? []).compactMap { sectionNode -> LayoutSection? in
      let what = "a layout section"
      guard
        let section = MappingReader(
          sectionNode, what: what, allowedKeys: MetadataKeys.layoutSection, sink: sink),
        let heading = section.string("heading", required: true, in: what)
      else { return nil }
      let columns = section.integer("columns", in: 1...3) ?? 2
      let tabOrder = section.enumeration("tabOrder", as: LayoutSection.TabOrder.self, what: what) ?? .topToBottom
      _ = section.require("fields", in: "layout section '\(heading)'")
      let items = (section.list("fields") ?? []).map { itemNode -> LayoutItem? in
        guard let item = readLayoutItem(itemNode) else { return nil }
        if object.field(named: item.field) == nil && !SystemFields.isSystemField(item.field) {
          let names = (SystemFields.names + object.fields.map(\.name))
          sink.error(
            "layout '\(name)' places unknown field '\(item.field)'\(Spelling.hint(for: item.field, among: names))",
            at: itemNode.mapping?["field"] ?? itemNode)
        } else if let previous = placed[item.field.lowercased()] {
          let line = sink.location(of: previous)?.line ?? 0
          sink.error("layout '\(name)' places field '\(item.field)' twice (first at line \(line))", at: itemNode)
        } else {
          placed[item.field.lowercased()] = itemNode
        }
        return item
      }
      return LayoutSection(heading: heading, columns: columns, tabOrder: tabOrder, items: items)
    }
    return LayoutDefinition(name: name, sections: sections)
  }

  private func readLayoutItem(_ node: Node) -> LayoutItem? {
    if node.isNull { return nil }
    if node.scalar != nil {
      return MappingReader.string(node, key: "fields", sink: sink).map { LayoutItem(field: $0) }
    }
    let what = "a layout item"
    guard
      let reader = MappingReader(node, what: what, allowedKeys: MetadataKeys.layoutItem, sink: sink),
      let field = reader.string("field", required: true, in: what)
    else { return nil }
    return LayoutItem(
      field: field, isRequired: reader.bool("required") ?? false,
      isReadOnly: reader.bool("readOnly") ?? false)
  }

  private func checkUniqueLayoutNames(_ layouts: [LayoutDefinition], nodes: [Node]) {
    var seen: Set<String> = []
    for (layout, node) in zip(layouts, nodes) where !seen.insert(layout.name.lowercased()).inserted {
      sink.error("duplicate layout '\(layout.name)'", at: node.mapping?["name"] ?? node)
    }
  }

  // MARK: - Rules

  private func readRules(_ nodes: [Node], object: SObjectDefinition) -> (
    derived: [DerivedFieldRule], crossField: [CrossFieldRule]
  ) {
    var rules: [DerivedFieldRule] = []
    var crossField: [CrossFieldRule] = []
    for node in nodes {
      switch RuleParser(sink: sink, object: object).read(node) {
      case .derived(let rule)?:
        if rules.contains(where: { $0.field == rule.field }) {
          sink.error("field '\(rule.field)' is derived by more than one rule", at: node.mapping?["field"] ?? node)
          continue
        }
        rules.append(rule)
      case .crossField(let rule)?:
        crossField.append(rule)
      case nil:
        continue
      }
    }
    return (rules, crossField)
  }

  // MARK: - Names

  /// Salesforce's rules for API names: a letter first; letters, digits and underscores; no
  /// double or trailing underscore; at most 40 characters (a custom `__c` suffix aside).
  private func checkAPIName(_ name: String, what: String, at node: Node) {
    if let problem = APINameRules.problem(with: name) {
      sink.error("invalid \(what) API name '\(name)': \(problem)", at: node)
    }
  }
}

/// Salesforce's rules for API names.
public enum APINameRules {
  public static let maximumLength = 40
  static let customSuffixes = ["__c", "__r", "__e", "__mdt", "__x", "__b"]

  /// What is wrong with a name, or nil when it is valid.
  public static func problem(with name: String) -> String? {
    var stem = Substring(name)
    if let suffix = customSuffixes.first(where: { name.hasSuffix($0) && name.count > $0.count }) {
      stem = stem.dropLast(suffix.count)
    }
    guard let first = stem.first, first.isASCIILetter else {
      return "it must start with a letter"
    }
    if let bad = stem.first(where: { !($0.isASCIILetter || $0.isASCIIDigit || $0 == "_") }) {
      return "'\(bad)' is not allowed; use letters, digits and underscores"
    }
    // The stem is ASCII from here on: its bytes are its characters.
    let underscore = UInt8(ascii: "_")
    if zip(stem.utf8, stem.utf8.dropFirst()).contains(where: { $0 == underscore && $1 == underscore }) {
      return "it must not contain two underscores in a row"
    }
    if stem.hasSuffix("_") { return "it must not end with an underscore" }
    if stem.count > maximumLength {
      return "it is \(stem.count) characters long; the limit is \(maximumLength)"
    }
    return nil
  }
}
