package waf

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/registry"
)

// variable is one SecLang variable. A scalar has one value (or none); a
// collection variable reads ncolls collections of the transaction, and
// with names its items are the collections' keys (ARGS_NAMES and the like).
type variable struct {
	name   string
	id     int32 // registration order
	scalar func(tx *Tx) (string, bool)
	cached bool // the scalar does not change once set: cache its transformations
	colls  func(tx *Tx, i int) *collection
	ncolls int
	names  bool
}

func (v *variable) isScalar() bool { return v.scalar != nil }

var variables = registry.New[*variable]("variable")

var nvars int32

func addVariable(v *variable) {
	v.id = nvars
	nvars++
	variables.Register(v.name, v)
}

// scalarVar registers a variable with one value; cached says the value,
// once set, stays for the rest of the transaction.
func scalarVar(name string, cached bool, get func(tx *Tx) (string, bool)) {
	addVariable(&variable{name: name, scalar: get, cached: cached})
}

// collectionVar registers a variable reading n collections.
func collectionVar(name string, n int, get func(tx *Tx, i int) *collection) {
	addVariable(&variable{name: name, colls: get, ncolls: n})
}

// namesVar registers the names variable of a collection variable.
func namesVar(name, of string) {
	v, ok := variables.Lookup(of)
	if !ok {
		panic("waf: names of unknown variable " + of)
	}
	addVariable(&variable{name: name, colls: v.colls, ncolls: v.ncolls, names: true})
}

// flagVar registers a variable that is "1" when set and "0" otherwise.
func flagVar(name string, get func(tx *Tx) bool) {
	scalarVar(name, false, func(tx *Tx) (string, bool) {
		if get(tx) {
			return "1", true
		}
		return "0", true
	})
}

// lookupVariable finds a variable by name, without regard to case.
func lookupVariable(name string) (*variable, error) {
	v, ok := variables.Lookup(strings.ToUpper(name))
	if !ok {
		return nil, fmt.Errorf("variable %q: %w", name, ErrUnsupported)
	}
	return v, nil
}
