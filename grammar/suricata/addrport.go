package suricata

import (
	"errors"
	"fmt"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/rulec/rulec/diag"
)

// The address and port mini-languages, as participle grammars.
//
//	addr := "!"* ( "[" addr ("," addr)* "]" | "$"NAME | "any" | IP ["/" BITS] ["-" IP] )
//	port := "!"* ( "[" port ("," port)* "]" | "$"NAME | "any" | [N] ":" [N] | N )

type addrNode struct {
	Pos     lexer.Position
	Neg     []string    `parser:"@\"!\"*"`
	List    []*addrNode `parser:"( \"[\" @@ ( \",\" @@ )* \"]\""`
	Var     string      `parser:"| @Var"`
	IP      string      `parser:"| @Word"`
	Bits    string      `parser:"  ( \"/\" @Word )?"`
	RangeTo string      `parser:"  ( \"-\" @Word )? )"`
}

type portNode struct {
	Pos    lexer.Position
	Neg    []string    `parser:"@\"!\"*"`
	List   []*portNode `parser:"( \"[\" @@ ( \",\" @@ )* \"]\""`
	Var    string      `parser:"| @Var"`
	Lo     string      `parser:"| @Word"`
	Colon  bool        `parser:"  ( @\":\""`
	Hi     string      `parser:"    @Word? )?"`
	OpenHi string      `parser:"| \":\" @Word )"`
}

var (
	addrParser = participle.MustBuild[addrNode](participle.Lexer(lexer.MustSimple([]lexer.SimpleRule{
		{Name: "Var", Pattern: `\$[A-Za-z_][A-Za-z0-9_]*`},
		{Name: "Word", Pattern: `[0-9A-Za-z_.:]+`},
		{Name: "Punct", Pattern: `[\[\],!/\-]`},
		{Name: "Space", Pattern: `[ \t]+`},
	})), participle.Elide("Space"))
	portParser = participle.MustBuild[portNode](participle.Lexer(lexer.MustSimple([]lexer.SimpleRule{
		{Name: "Var", Pattern: `\$[A-Za-z_][A-Za-z0-9_]*`},
		{Name: "Word", Pattern: `[0-9A-Za-z_]+`},
		{Name: "Punct", Pattern: `[\[\],!:]`},
		{Name: "Space", Pattern: `[ \t]+`},
	})), participle.Elide("Space"))
)

// exprError is a parse failure at a byte offset inside the expression.
type exprError struct {
	off   int
	msg   string
	limit bool
}

func (e *exprError) toError() error {
	if e.limit {
		return fmt.Errorf("%s: %w", e.msg, diag.ErrLimit)
	}
	return errors.New(e.msg)
}

func toExprError(err error) *exprError {
	var perr participle.Error
	if errors.As(err, &perr) {
		return &exprError{off: perr.Position().Offset, msg: perr.Message()}
	}
	return &exprError{msg: err.Error()}
}

// MaxDepth is how deeply address and port lists may nest, counting
// variable expansions, as in Suricata's parser (64).
const MaxDepth = 64

// checkDepth refuses lists nested deeper than MaxDepth before the
// recursive parser sees them, at the offset of the first bracket too deep.
func checkDepth(text, what string) *exprError {
	depth := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '[':
			if depth++; depth > MaxDepth {
				return &exprError{off: i, msg: fmt.Sprintf("%s block recursion limit reached (max %d)", what, MaxDepth), limit: true}
			}
		case ']':
			depth--
		}
	}
	return nil
}

// The caches map expression text to its (immutable) AST; rule sets repeat
// the same expressions many times.
var (
	addrCache sync.Map // string -> *AddrExpr
	portCache sync.Map // string -> *PortExpr
)

// ParseAddr parses an address expression such as "[10.0.0.0/8,!$HOME_NET]".
// The result is shared and must not be modified.
func ParseAddr(text string) (*AddrExpr, error) {
	e, err := parseAddr(text)
	if err != nil {
		return nil, err.toError()
	}
	return e, nil
}

// ParsePort parses a port expression such as "[80,8000:8080,!8081]". The
// result is shared and must not be modified.
func ParsePort(text string) (*PortExpr, error) {
	e, err := parsePort(text)
	if err != nil {
		return nil, err.toError()
	}
	return e, nil
}

func parseAddr(text string) (*AddrExpr, *exprError) {
	if v, ok := addrCache.Load(text); ok {
		return v.(*AddrExpr), nil
	}
	if err := checkDepth(text, "address"); err != nil {
		return nil, err
	}
	n, err := addrParser.ParseString("", text)
	if err != nil {
		return nil, toExprError(err)
	}
	e, xerr := n.toAST()
	if xerr != nil {
		return nil, xerr
	}
	addrCache.Store(text, e)
	return e, nil
}

func parsePort(text string) (*PortExpr, *exprError) {
	if v, ok := portCache.Load(text); ok {
		return v.(*PortExpr), nil
	}
	if err := checkDepth(text, "port"); err != nil {
		return nil, err
	}
	n, err := portParser.ParseString("", text)
	if err != nil {
		return nil, toExprError(err)
	}
	e, xerr := n.toAST()
	if xerr != nil {
		return nil, xerr
	}
	portCache.Store(text, e)
	return e, nil
}

func (n *addrNode) toAST() (*AddrExpr, *exprError) {
	e := &AddrExpr{Negated: len(n.Neg)%2 == 1}
	switch {
	case n.List != nil:
		e.IsList = true
		for _, c := range n.List {
			ce, err := c.toAST()
			if err != nil {
				return nil, err
			}
			e.List = append(e.List, ce)
		}
	case n.Var != "":
		e.Var = n.Var[1:]
	case n.IP == "any":
		if n.Bits != "" || n.RangeTo != "" {
			return nil, &exprError{off: n.Pos.Offset, msg: "any takes no prefix or range"}
		}
		e.Any = true
	case n.IP != "":
		e.IP = n.IP
		if n.Bits != "" {
			e.IP += "/" + n.Bits
		}
		e.RangeTo = n.RangeTo
	default:
		return nil, &exprError{off: n.Pos.Offset, msg: "empty address"}
	}
	return e, nil
}

func (n *portNode) toAST() (*PortExpr, *exprError) {
	e := &PortExpr{Negated: len(n.Neg)%2 == 1}
	switch {
	case n.List != nil:
		e.IsList = true
		for _, c := range n.List {
			ce, err := c.toAST()
			if err != nil {
				return nil, err
			}
			e.List = append(e.List, ce)
		}
	case n.Var != "":
		e.Var = n.Var[1:]
	case n.Lo == "any" && !n.Colon:
		e.Any = true
	case n.OpenHi != "":
		e.IsRange, e.Hi = true, n.OpenHi
	case n.Colon:
		e.IsRange, e.Lo, e.Hi = true, n.Lo, n.Hi
	case n.Lo != "":
		e.Lo, e.Hi = n.Lo, n.Lo
	default:
		return nil, &exprError{off: n.Pos.Offset, msg: "empty port"}
	}
	return e, nil
}
