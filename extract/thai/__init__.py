"""thai"""
