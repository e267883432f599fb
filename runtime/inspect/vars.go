package inspect

// Var is a flow or packet variable: a value by name, or a packet
// key/value capture's value by Key (Name "").
type Var struct {
	Name       string
	Key, Value []byte
}

// FloatVar is a float flow variable by name.
type FloatVar struct {
	Name  string
	Value float64
}

// SetVar sets the named variable, in place when vars has it, else
// appended.
func SetVar(vars []Var, name string, value []byte) []Var {
	for i := range vars {
		if vars[i].Name == name && vars[i].Key == nil {
			vars[i].Value = value
			return vars
		}
	}
	return append(vars, Var{Name: name, Value: value})
}

// GetVar returns the named variable's value.
func GetVar(vars []Var, name string) ([]byte, bool) {
	for _, v := range vars {
		if v.Name == name && v.Key == nil {
			return v.Value, true
		}
	}
	return nil, false
}

// SetFloat sets the named float variable, in place when vars has it,
// else appended.
func SetFloat(vars []FloatVar, name string, value float64) []FloatVar {
	for i := range vars {
		if vars[i].Name == name {
			vars[i].Value = value
			return vars
		}
	}
	return append(vars, FloatVar{Name: name, Value: value})
}
