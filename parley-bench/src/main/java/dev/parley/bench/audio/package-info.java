/** The audio hot path's cost per frame and the streaming encoders' cost per audio second ({@code bench audio}). */
package dev.parley.bench.audio;
