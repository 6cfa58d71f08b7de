import NetModel
import NetStore

/// What a key asks for. The keymap maps keys to actions; `AppState.perform` carries them out.
enum Action: Hashable, Sendable {
    // Moving
    case moveUp, moveDown, moveLeft, moveRight, pageUp, pageDown, top, bottom
    // Panes
    case nextPane, previousPane, goToPane(PaneID)
    // Contacts and networks: the filter, the sort; add one of the pane's kind (a contact, a network),
    // edit or delete the selected one
    case filter, clearFilter, cycleSort, reverseSort, openCard, addNew, editSelected, deleteSelected
    // Matrix: move the selected contact to the neighbouring quadrant; set both ratings
    case moveContact(MatrixMove), rateContact
    // Networks: choose members (Tab toggles one in the picker)
    case pickMembers, toggle
    // Exits: decide keep / review later / wind down (forms), leave (a question); show decided ones too
    case decide(DecisionKind), leave, toggleAll
    // Briefing: choose what to brief on, add or edit an event, its attendees; anywhere: log, close a follow-up
    // Merge conflicts: the list, keep ours, take theirs
    case showConflicts, keepOurs, takeTheirs
    // The command palette; Tab completes in it
    case openPalette, complete
    // Forms: edit the field in $VISUAL / $EDITOR
    case openEditor
    case chooseScope, addEvent, editEvent, pickAttendees, logInteraction, closeFollowUp
    // Document
    case undo, redo, save, saveAs, quit, help, suspend
    // Answering the quit question (and the palette's :wq): save (or save as) then quit; quit losing the edits
    case saveAndQuit, discardAndQuit
    // Closing a view, answering a prompt
    case back, confirm, decline
    // Forms and text fields
    case nextField, previousField, submit, cancel
    case cursorLeft, cursorRight, cursorHome, cursorEnd, deleteBackward, deleteForward, clearField
}
