package inspect

// lazySection is an EVE section built only when a record or an alert
// needs it.
type lazySection struct {
	name  string
	build func() map[string]any
}

// SetLazySection gives u the one section name, which build makes when
// first needed: most units raise no alert and many records are off.
func (u *Unit) SetLazySection(name string, build func() map[string]any) {
	u.Fields, u.lazy = nil, &lazySection{name, build}
}

// Sections returns u.Fields, building a lazy section first.
func (u *Unit) Sections() map[string]map[string]any {
	if u.Fields == nil && u.lazy != nil {
		u.Fields = map[string]map[string]any{u.lazy.name: u.lazy.build()}
		u.lazy = nil
	}
	return u.Fields
}

// RecordType is the name of u's one section, the type of the EVE record
// it carries, without building it (fileinfo for a fileinfo section, which
// its transaction's sections come with; smtp for an smtp section, which
// an email section may come with; dns for a dns section, which a DoH2
// record's http section comes with); "" when u has none or several.
func (u *Unit) RecordType() string {
	if u.Fields == nil && u.lazy != nil {
		return u.lazy.name
	}
	for _, t := range []string{"fileinfo", "smtp", "dns"} {
		if _, ok := u.Fields[t]; ok {
			return t
		}
	}
	if len(u.Fields) != 1 {
		return ""
	}
	for k := range u.Fields {
		return k
	}
	return ""
}
