package bodyproc

import (
	"errors"

	"github.com/rulec/rulec/compiler/registry"
)

// Sink receives what a processor finds.
type Sink interface {
	Arg(name, value string)            // ARGS_POST
	XML(path, value string)            // XML, keyed by "/*" (text) or "//@*" (attributes)
	File(field, name string, size int) // FILES, FILES_NAMES, FILES_SIZES
	PartHeader(field, line string)     // MULTIPART_PART_HEADERS
	Flag(name string)                  // a MULTIPART_* flag, set to 1
	Limits() (args int, depth int)     // argument count and nesting limits; 0 means none
}

// Processor parses a body; contentType is the request's Content-Type.
type Processor func(body []byte, contentType string, s Sink) error

var processors = registry.New[Processor]("body processor")

func register(name string, p Processor) { processors.Register(name, p) }

// Lookup returns the processor registered under name (upper case, as
// ModSecurity spells them).
func Lookup(name string) (Processor, bool) { return processors.Lookup(name) }

// ErrLimit reports a body nested deeper than allowed.
var ErrLimit = errors.New("body exceeds a limit")

// errTruncated stops a processor at the argument limit: the arguments
// before it are kept and the body is not in error, as with ModSecurity's
// SecArgumentsLimit.
var errTruncated = errors.New("argument limit reached")
