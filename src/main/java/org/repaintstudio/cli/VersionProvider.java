package org.repaintstudio.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = RepaintCli.class.getPackage().getImplementationVersion();
        return new String[] {"RePaint Studio " + (v == null ? "(development build)" : v)};
    }
}
