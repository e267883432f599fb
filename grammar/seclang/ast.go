package seclang

import "github.com/rulec/rulec/diag"

// File is the parse of one configuration file.
type File struct {
	Name       string
	Directives []*Directive
}

// Directive is one logical line. Name is kept as written (directive names
// are case-insensitive). Vars, Op and Actions are filled for the directives
// whose arguments have a structure of their own (see the package comment);
// they are parsed from Args, which always hold the arguments as written.
// For the SecRuleUpdateTargetBy* directives Vars is the second argument; a
// third (a replacement target) is left in Args.
type Directive struct {
	Pos     diag.Pos // of the name
	Name    string
	Args    []Arg
	Vars    []Variable
	Op      *Operator
	Actions []Action
}

// Arg is one argument. Value has the surrounding quotes removed and \"
// undone (\' for a single-quoted argument); other backslashes are kept.
type Arg struct {
	Pos    diag.Pos // of the opening quote, or of the first byte
	Value  string
	Quoted bool
}

// KeyKind says how a variable's key was written.
type KeyKind uint8

const (
	KeyNone   KeyKind = iota // ARGS
	KeyName                  // ARGS:name
	KeyRegex                 // ARGS:/regex/
	KeyQuoted                // ARGS:'name'
)

// Variable is one item of a SecRule variable list, such as
// !REQUEST_HEADERS:User-Agent or &TX:/^foo/.
type Variable struct {
	Pos     diag.Pos
	Exclude bool // written with a leading '!'
	Count   bool // written with a leading '&'
	Name    string
	KeyKind KeyKind
	Key     string // without the slashes or quotes
}

// Operator is the second argument of SecRule. Name is "rx" and Implicit is
// true when no @name was written.
type Operator struct {
	Pos      diag.Pos // of the '!' or '@', or of the first byte
	Negated  bool
	Name     string
	Implicit bool
	Arg      string
	ArgPos   diag.Pos
}

// Action is one item of an action list: name or name:value. A value written
// in single quotes has them removed and \' and \\ undone.
type Action struct {
	Pos      diag.Pos
	Name     string
	HasValue bool
	Value    string
	Quoted   bool
	ValuePos diag.Pos // of the opening quote, or of the first byte
}
