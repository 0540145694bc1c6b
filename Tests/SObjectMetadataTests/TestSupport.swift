import Foundation
import SObjectMetadata

/// The objects a test file may refer to, declared as minimally as the format allows.
let declaredObjects: [MetadataFile] = ["User", "Account", "Contact"].map { name in
  MetadataFile(
    path: "Metadata/objects/\(name).yaml",
    contents: "name: \(name)\nlabel: \(name)\npluralLabel: \(name)s\n")
}

/// Loads one object file beside the declared objects and returns every diagnostic as printed.
func diagnostics(of yaml: String, file: String = "Thing.yaml") -> [String] {
  let files = declaredObjects + [MetadataFile(path: "Metadata/objects/\(file)", contents: yaml)]
  return MetadataLoader.load(files: files).1.map(\.description)
}
