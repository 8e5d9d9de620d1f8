package org.repaintstudio;

public final class Main {
    public static void main(String[] args) {
        System.out.println("RePaint Studio");
    }
}
