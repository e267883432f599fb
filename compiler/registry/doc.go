// Package registry is the generic name → entry table behind rulec's
// keyword, operator, transformation and action registries. Entries register
// themselves from init functions, one file per entry; registering a name
// twice panics at start-up so a clash can never ship.
package registry
