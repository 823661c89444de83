package platform

import (
	"flag"
	"fmt"
	"strings"
)

// EnvPrefix starts the name of every environment variable Watchwire reads.
const EnvPrefix = "WATCHWIRE_"

// EnvName is the environment variable for a flag: WATCHWIRE_ and the flag
// name in upper case with '-' as '_' (nats-url -> WATCHWIRE_NATS_URL).
func EnvName(flagName string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// ApplyEnv sets each flag of fs that was not given on the command line from
// its environment variable (see EnvName), if that is set. Call it after
// fs.Parse. Command-line flags win over the environment, which wins over the
// flag's default. lookup is os.LookupEnv outside tests.
func ApplyEnv(fs *flag.FlagSet, lookup func(string) (string, bool)) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || err != nil {
			return
		}
		if v, ok := lookup(EnvName(f.Name)); ok {
			if e := fs.Set(f.Name, v); e != nil {
				err = fmt.Errorf("environment variable %s=%q: %w", EnvName(f.Name), v, e)
			}
		}
	})
	return err
}
