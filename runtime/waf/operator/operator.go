package operator

import (
	"fmt"

	"github.com/rulec/rulec/compiler/registry"
)

// Spec is what an operator is built from, as compiled into the IR.
type Spec struct {
	Arg     string
	Dynamic bool // Arg holds %{macros}; Match reads the expanded one from Call.Arg
	Phrases []string
	Ranges  [][2]byte
}

// MaxGroups is the number of capture slots, TX:0 to TX:9.
const MaxGroups = 10

// Call is one evaluation's context, reused across calls.
type Call struct {
	Arg     string // the expanded argument of a Dynamic operator
	Capture bool   // the rule captures: fill Groups
	Groups  [MaxGroups]string
	NGroups int  // how many Groups a capturing match set; 0 when it set none
	Reset   bool // the slots past NGroups are to be cleared, as @rx does
}

// Operator tests one value.
type Operator interface {
	Match(c *Call, v string) bool
}

// Factory builds an operator.
type Factory func(s Spec) (Operator, error)

var factories = registry.New[Factory]("operator")

func register(name string, f Factory) { factories.Register(name, f) }

// New builds the operator registered under name.
func New(name string, s Spec) (Operator, error) {
	f, ok := factories.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("operator @%s: %w", name, ErrUnknown)
	}
	op, err := f(s)
	if err != nil {
		return nil, fmt.Errorf("operator @%s: %w", name, err)
	}
	return op, nil
}

// Names returns every registered name, sorted.
func Names() []string { return factories.Names() }

// Func adapts a function to Operator.
type Func func(c *Call, v string) bool

func (f Func) Match(c *Call, v string) bool { return f(c, v) }

// arg returns the operator's argument for this call.
func arg(s Spec, c *Call) string {
	if s.Dynamic {
		return c.Arg
	}
	return s.Arg
}
