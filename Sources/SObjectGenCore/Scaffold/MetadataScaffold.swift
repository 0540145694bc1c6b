/// What `sobjectgen init` puts into a new metadata folder: the editor schema, one small example
/// object, and the User object that every object's system fields (CreatedById, LastModifiedById)
/// point at. Paths are relative to the metadata folder.
public enum MetadataScaffold {
  public static let exampleObject = "Ticket"

  public static let files: [OutputFile] = [
    OutputFile(path: MetadataEditorSchema.fileName, text: MetadataEditorSchema.json),
    OutputFile(
      path: "objects/\(exampleObject).yaml",
      text: """
        # yaml-language-server: $schema=../\(MetadataEditorSchema.fileName)
        # An example object: rename it, or add your own files beside it. docs/metadata-format.md in
        # SObjectGen lists every key.
        name: Ticket
        label: Ticket
        pluralLabel: Tickets
        keyPrefix: a00
        since: 62.0
        supportedCalls: [create, delete, describeSObjects, query, retrieve, update, upsert]
        description: A request for help, from its opening to its resolution.
        fields:
          Subject:
            type: string
            required: true
            properties: [Create, Filter, Group, Nillable, Sort, Update]
            description: What the ticket is about.
            length: 120
          Status:
            type: picklist
            properties: [Create, Defaulted on create, Filter, Group, Nillable, Restricted picklist, Sort, Update]
            description: Where the ticket stands.
            values: [New, Working, Closed]
            default: New
          AssigneeId:
            type: reference
            properties: [Create, Filter, Group, Nillable, Sort, Update]
            description: The user working on the ticket.
            referenceTo: [User]
            relationshipName: Assignee
            relationshipType: Lookup
          OpenedAt:
            type: datetime
            properties: [Create, Filter, Nillable, Sort, Update]
            description: When the ticket was opened.

        """),
    OutputFile(
      path: "objects/User.yaml",
      text: """
        # yaml-language-server: $schema=../\(MetadataEditorSchema.fileName)
        # Every object's CreatedById and LastModifiedById point at User: keep this file.
        name: User
        label: User
        pluralLabel: Users
        keyPrefix: "005"
        supportedCalls: [describeSObjects, query, retrieve]
        description: Represents a user in your organization.

        """),
  ]

  /// What to do next, for a metadata folder at `metadataPath` (relative to the package root) and a
  /// target named `target`.
  public static func instructions(metadataPath: String, target: String) -> String {
    // The link is relative to Sources/<target>/, two folders below the package root.
    let link = metadataPath.hasPrefix("/") ? metadataPath : "../../" + metadataPath
    return """
      Next, apply the build plugin to a target of your package.

      1. In Package.swift, depend on SObjectGen and give the target its runtime and its plugin:

           dependencies: [
             .package(url: "https://github.com/<owner>/SObjectGen.git", branch: "main", traits: []),
           ],
           targets: [
             .target(
               name: "\(target)",
               dependencies: [.product(name: "SObjectRuntime", package: "SObjectGen")],
               plugins: [.plugin(name: "SObjectGenPlugin", package: "SObjectGen")]
             ),
           ]

         `traits: []` leaves out the local server's packages, so that only Yams and ArgumentParser are
         resolved; it needs `// swift-tools-version: 6.1` or later at the top of Package.swift.

      2. Link the metadata into the target's folder, so that SwiftPM sees new files:

           mkdir -p Sources/\(target) && ln -s \(link) Sources/\(target)/Metadata

      3. Give the target one Swift file of its own (SwiftPM refuses a target with none):

           echo '@_exported import SObjectRuntime' > Sources/\(target)/\(target).swift

      Then `swift build` generates the models of every file in \(metadataPath)/objects/.

      """
  }
}
