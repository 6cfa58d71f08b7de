/// What a key asks for. The keymap maps keys to actions; `AppState.perform` carries them out.
enum Action: Hashable, Sendable {
    // Moving
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    // Panes
    case nextPane, previousPane, goToPane(PaneID)
    // Contacts
    case filter, clearFilter, cycleSort, reverseSort, openCard, addContact, editContact, deleteContact
    // Document
    case undo, redo, save, quit, help, suspend
    // Closing a view, answering a prompt
    case back, confirm, decline
    // Forms and text fields
    case nextField, previousField, submit, cancel
    case cursorLeft, cursorRight, cursorHome, cursorEnd, deleteBackward, deleteForward, clearField
}
