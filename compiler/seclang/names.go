package seclang

// Operators returns the names of every supported operator, sorted without
// regard to case; so are the other lists.
func Operators() []string { return operators.names() }

// Transformations returns the names of every supported transformation.
func Transformations() []string { return transforms.names() }

// Actions returns the names of every supported action.
func Actions() []string { return actions.names() }

// Variables returns the names of every supported variable.
func Variables() []string { return variables.names() }

// CtlOptions returns the names of every supported ctl option.
func CtlOptions() []string { return ctlOptions.names() }
