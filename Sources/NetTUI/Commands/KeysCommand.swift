import ArgumentParser

/// `nettui keys`: the key reference, generated from the keymap (docs/KEYS.md is its output).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Print the key reference as Markdown (docs/KEYS.md).")

    func run() {
        print(Keymap.markdown(), terminator: "")
    }
}
